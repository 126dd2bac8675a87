/** An applicant's application in chat (built in issue 17, applications-chat). */
export type ApplicationStore = Record<never, never>;
