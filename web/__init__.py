"""The web service for phones and TVs: the live ticket page, the phone survey and complaint
form, the browser calling display and the public "today" page (ASGI, no Qt)."""
