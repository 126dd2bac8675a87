/** The parts of a submission its status is read from. */
interface SubmissionState {
  status: 'planned' | 'open' | 'in_progress' | 'submitted' | 'missed';
  late: boolean;
}

type SubmissionStatusKey = 'planned' | 'open' | 'in_progress' | 'on_time' | 'late' | 'missed';

/** How staff name a submission's state: handed in splits into on time and late. */
export function submissionStatusKey(submission: SubmissionState): SubmissionStatusKey {
  if (submission.status === 'submitted') return submission.late ? 'late' : 'on_time';
  return submission.status;
}
