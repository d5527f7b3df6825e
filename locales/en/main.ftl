# Common interface
site-tagline = Comment on draft regulations
site-description = A portal where citizens and businesses comment on draft regulations; every comment gets a public answer.
skip-to-content = Skip to main content
nav-label = Main navigation
nav-home = Home
lang-switch = Tiếng Việt
footer-promise = Every comment is accepted or answered with an explanation by the drafting agency, in public.
footer-about = gopy — open-source software for public consultation on draft regulations.

# Home page
home-title = Home
home-heading = Comment on draft regulations
home-lead = Read drafts published by public agencies, comment on any article, clause or point, and follow the answer to every comment.
home-how-heading = How it works
home-step-read = Read the draft.
home-step-read-body = The full text, its dossier and the consultation deadline.
home-step-comment = Comment.
home-step-comment-body = On the whole draft or on one article, clause or point; you get a receipt for each comment.
home-step-answer = Get an answer.
home-step-answer-body = The drafting agency must accept or explain its answer to every comment, in public.
home-open-drafts = Drafts open for comment
home-no-open-drafts = No draft is open for comment at the moment.
home-agencies = Participating agencies
home-no-agencies = No agencies yet.

# Agency kinds
agency-kind-drafting-department = Drafting agency
agency-kind-justice-department = Appraising agency
agency-kind-peoples-committee-office = People's Committee office
agency-kind-peoples-council = People's Council
agency-kind-other = Other agency

# Error pages
error-back-home = Back to the home page
error-request-id = Request id: { $id }. Please quote it when you contact support.
error-bad-request-title = Bad request
error-bad-request-body = The data sent is not valid. Please check it and try again.
error-unauthorized-title = Sign-in required
error-unauthorized-body = You need to sign in to see this page.
error-forbidden-title = Access denied
error-forbidden-body = You are not allowed to do this.
error-not-found-title = Page not found
error-not-found-body = The page you are looking for does not exist or has moved.
error-method-not-allowed-title = Action not supported
error-method-not-allowed-body = This address does not support the action you just took.
error-conflict-title = Conflict
error-conflict-body = This already exists or was just changed by someone else.
error-payload-too-large-title = Too large
error-payload-too-large-body = The text or file you sent is larger than allowed.
error-unprocessable-entity-title = Cannot be processed
error-unprocessable-entity-body = Some of the data is not right. Please correct the errors shown and send it again.
error-too-many-requests-title = Too many requests
error-too-many-requests-body = You have sent too many requests. Please wait a moment and try again.
error-unavailable-title = Service busy
error-unavailable-body = The service is temporarily unavailable. Please try again in a few minutes; nothing you sent has been lost.
error-internal-title = Something went wrong
error-internal-body = An unexpected error occurred. It has been logged so it can be fixed.
