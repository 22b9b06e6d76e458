/** Placeholder: the definition work replaces this with the real StateMachine class. */
export class StateMachine {
  constructor(readonly name: string) {}
}
