# Navigation
nav-login = Sign in
nav-register = Register
nav-account = Account
nav-logout = Sign out
nav-admin = Administration
save = Save

# Form errors
form-errors-heading = Please correct the following:
form-error-required = Please fill this in.
form-error-too-long = This is too long.
form-error-control-chars = This contains characters that are not allowed.
form-error-email = Enter an e-mail address like name@example.vn.
form-error-password-short = The password must be at least 10 characters long.
form-error-password-long = The password must be at most 256 characters long.
form-error-password-mismatch = The two passwords do not match.
form-error-current-password = The current password is wrong.
form-error-tax-code = A tax code is 10 digits, or 10 digits, a hyphen and 3 digits for a branch.
form-error-csrf = This form has expired or was sent from another site. Please go back, reload the page and send it again.
form-error-malformed = The form data could not be read. Please reload the page and try again.
form-error-choose = Please choose one.
form-error-short-name-taken = This short name is already used by another agency.
form-error-staff-agency = Drafters, appraisers and moderators must belong to an agency.
form-error-own-admin = You cannot remove your own administrator role or disable your own account.
form-error-token-name = Please name the token (at most 100 characters).

# Fields
field-display-name = Full name
field-email = E-mail
field-password = Password
field-password-confirm = Repeat the password
field-new-password = New password
field-current-password = Current password
field-account-type = You comment as
field-organisation-name = Organisation or business name
field-organisation-tax-code = Tax code or business registration number
field-organisation-sector = Sector
field-mail-lang = Language of e-mails to you
password-hint = At least { $min } characters. A long sentence you remember is safer than a short word you don't.
account-type-citizen = An individual citizen
account-type-organisation = A representative of an organisation, business or association
organisation-fields = Organisation
organisation-fields-hint = Only if you represent an organisation. Its name is shown publicly with its comments.

# Registration
register-title = Create an account
register-intro = An account lets you comment, follow the answers and join dialogues. We will send an e-mail to confirm your address.
register-submit = Register
register-have-account = Already have an account?
register-sent-title = Please check your e-mail
register-sent-body = We have sent an e-mail to the address you entered. Open the link in it to confirm. If it doesn't arrive, look in your spam folder too.
verify-done-title = E-mail address confirmed
verify-done-body = Thank you. You can now sign in.
link-invalid-title = This link cannot be used
verify-invalid-body = The confirmation link is wrong, has been used already or has expired.
verify-resend-link = Send the confirmation e-mail again
resend-title = Send the confirmation e-mail again
resend-intro = Enter the e-mail address you registered with.
resend-sent-body = If this address has an unconfirmed account, we have sent the confirmation e-mail again.
send-link-submit = Send the link

# Sign in
login-title = Sign in
login-submit = Sign in
login-forgot = Forgot your password?
login-no-account = No account yet?
login-error-wrong = The e-mail or the password is wrong.
login-error-unverified = Please confirm your e-mail address before signing in.
login-error-too-many = Too many sign-in attempts. Please wait 15 minutes and try again, or reset your password.

# Passwords
forgot-title = Forgot your password
forgot-intro = Enter the e-mail address of your account. We will send a link to set a new password.
forgot-sent-body = If this address has an account, we have sent a link to reset the password. The link works for 1 hour, once.
reset-title = Set a new password
reset-submit = Save the new password
reset-invalid-body = The password reset link is wrong, has been used already or has expired. Please ask for a new one.
password-change-title = Change password
password-change-submit = Change password
password-change-note = After the change, your other devices are signed out.

# Account
account-title = My account
account-role = Role
account-agency = Agency
account-profile = Profile
account-sessions = Sessions
account-sessions-count = This account is signed in on { $count } devices or browsers.
account-end-all = Sign out everywhere
account-tokens = API tokens
account-tokens-hint = A token lets your programs use the API with this account's rights. It is shown only once; keep it somewhere safe.
account-token-created = Your new token (shown only once):
token-name = Token name
token-created = Created
token-last-used = Last used
token-actions = Actions
token-revoke = Revoke
token-revoked = Revoked
token-create = Create a token

# Roles
role-citizen = Citizen
role-organisation-rep = Organisation representative
role-drafter = Drafter
role-appraiser = Appraiser
role-moderator = Moderator
role-admin = Administrator

# Administration
admin-agencies-title = Agencies
admin-users-title = Users
admin-agency-new = Add an agency
admin-agency-create = Add the agency
admin-user-state = State
admin-user-active = Active
admin-user-unverified = E-mail not confirmed
admin-user-disabled = Disabled
admin-user-disable = Disable the account (signs it out everywhere at once)
field-agency-name = Agency name
field-short-name = Short name
field-agency-kind = Kind of agency
field-agency-description = About the agency
agency-no-description = The agency has not described itself yet.
agency-edit = Edit the description

# Notices after an action
flash-signed-out = You have signed out.
flash-signed-out-everywhere = You have signed out on every device.
flash-password-reset = Your new password is set. Please sign in.
flash-password-changed = Password changed. Your other devices were signed out.
flash-profile-saved = Saved.
flash-token-revoked = The token was revoked.
flash-agency-created = The agency was added.
flash-agency-saved = The description was saved.
flash-user-saved = The user's changes were saved.

# API
api-error-token-missing = Missing token: send the header Authorization: Bearer <token>.
api-error-token-invalid = The token is wrong or has been revoked.

# E-mail
email-greeting = Hello,
email-greeting-named = Hello { $name },
email-footer = gopy — public consultation on draft regulations. This is an automatic e-mail; please do not reply.
email-ignore = If you did not ask for this, ignore this e-mail; nothing about your account has changed.
email-verify-subject = Confirm your e-mail address
email-verify-body = Thank you for registering. Open the link below to confirm your e-mail address:
email-verify-button = Confirm my address
email-verify-expiry = The link works for 48 hours.
email-existing-subject = Someone registered with your address
email-existing-body = Someone (perhaps you) just tried to register with this address, but it already has an account.
email-existing-login = Sign in:
email-existing-reset = Forgot your password:
email-reset-subject = Reset your password
email-reset-body = We received a request to reset the password of your account. Open the link below to set a new password:
email-reset-button = Set a new password
email-reset-expiry = The link works for 1 hour, once.

# Workspace
nav-workspace = Workspace
workspace-title = Drafter's workspace
workspace-drafts = The agency's drafts
workspace-no-drafts = The agency has no drafts yet.
workspace-agency-page = The agency's page

# Consultation window rules
admin-rules-title = Minimum consultation periods
admin-rules-intro = Each type of document has a minimum consultation period set by law. A draft already opened keeps the rule in force when it opened.
admin-rule-min-days = Minimum days
admin-rule-basis = Legal basis
admin-rule-updated = Last changed: { $date }
form-error-days = Enter a number of days from 1 to 365.
flash-rule-saved = The rule was saved.
