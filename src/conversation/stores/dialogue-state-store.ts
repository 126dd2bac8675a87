/** A dialogue of several steps in progress, kept between messages. */
export interface FlowState {
  flow: string;
  step: string;
  data: Record<string, unknown>;
}

/** Where the person is in a dialogue of several steps: one state per person, kept between messages. */
export interface DialogueStateStore {
  getState: (personId: string) => Promise<FlowState | null>;
  setState: (personId: string, state: FlowState) => Promise<void>;
  clearState: (personId: string) => Promise<void>;
}
