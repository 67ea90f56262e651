"""Public pages: no account needed. Views check, call a service, and render; nothing else.

One module per journey: the form (``feedback``, with ``uploads``), following progress
(``progress``), asking for the next stage (``next_stage``) and the survey (``survey``)."""
