/** Placeholder: the AWS-control work replaces this with the real Execution class. */
export class Execution {
  constructor(readonly name: string, readonly stateMachineArn: string) {}
}
