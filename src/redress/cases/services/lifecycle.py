"""The case lifecycle, now in three modules: ``logging`` (a new case), ``transitions`` (every
change after it) and ``guards`` (whether a change is allowed now). Kept so older imports work."""

from redress.cases.services.logging import PreparedLog, case_log, case_log_prepare, case_log_write
from redress.cases.services.stages import duration
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
    "PreparedLog",
    "case_acknowledge",
    "case_assign",
    "case_close",
    "case_escalate",
    "case_extend",
    "case_log",
    "case_log_prepare",
    "case_log_write",
    "case_refuse",
    "case_reopen",
    "case_respond",
    "case_withdraw",
    "duration",
]
