// The feedback stage: what citizens said through GitHub issues and what the city answered,
// read at build time (or kept from the last read), for the site to show on every page it concerns.
export { readFeedback, describeReason, TOKEN_VARIABLES, API_VARIABLES, type ReadFeedbackInput, type ReadFeedbackOptions } from './read-feedback.ts';
export { createGithubClient, nextLink, GithubApiError, GITHUB_API, GITHUB_API_VERSION, type GithubClient } from './github-api.ts';
export { plainText, cap } from './plain-text.ts';
export { labelTarget, withoutReference, cityAnswer } from './issues.ts';
export { PUBLISHED_FEEDBACK, feedbackCacheFile, parseFeedbackList, publishedFeedback, serializeFeedbackList, issueUrl } from './store.ts';
export { FeedbackReadError } from './errors.ts';
export type * from './types.ts';
