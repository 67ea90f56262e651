"""Every change of state to a case is one function here, each in a transaction and each
writing its timeline event. Views, the API and commands call these; nothing else writes."""

from redress.cases.services.access import case_set_access
from redress.cases.services.adjustments import (
    adjustment_change,
    adjustment_end,
    adjustment_propose,
    adjustment_record,
)
from redress.cases.services.logging import case_log, case_log_prepare, case_log_write
from redress.cases.services.records import (
    attachment_add,
    case_grant_access,
    case_link,
    correspondence_add,
)
from redress.cases.services.remedies import (
    action_add,
    action_complete,
    remedy_add,
    remedy_complete,
)
from redress.cases.services.representative import case_set_representative
from redress.cases.services.transitions import (
    case_acknowledge,
    case_assign,
    case_close,
    case_escalate,
    case_extend,
    case_refuse,
    case_reopen,
    case_respond,
    case_withdraw,
)

__all__ = [
    "action_add",
    "action_complete",
    "adjustment_change",
    "adjustment_end",
    "adjustment_propose",
    "adjustment_record",
    "attachment_add",
    "case_acknowledge",
    "case_assign",
    "case_close",
    "case_escalate",
    "case_extend",
    "case_grant_access",
    "case_link",
    "case_log",
    "case_log_prepare",
    "case_log_write",
    "case_refuse",
    "case_reopen",
    "case_respond",
    "case_set_access",
    "case_set_representative",
    "case_withdraw",
    "correspondence_add",
    "remedy_add",
    "remedy_complete",
]
