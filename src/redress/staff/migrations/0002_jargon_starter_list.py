"""Ship a starter jargon list, so the plain-English check has something to look for on a new
install. Administrators edit it from the jargon settings page; removing a term is final."""

from django.db import migrations

STARTER_LIST = [
    ("aforementioned", "this, that, or name the thing again"),
    ("ascertain", "find out"),
    ("ASB", "antisocial behaviour"),
    ("at this moment in time", "now"),
    ("commence", "start"),
    ("deliverable", "say what we will do"),
    ("do not hesitate to contact", "please contact"),
    ("endeavour", "try"),
    ("facilitate", "help, or arrange"),
    ("furthermore", "also"),
    ("going forward", "from now on"),
    ("hereby", "leave it out"),
    ("in accordance with", "under, or as set out in"),
    ("in due course", "give the date"),
    ("in receipt of", "have, or received"),
    ("in relation to", "about"),
    ("key performance indicator", "say what we measure"),
    ("liaise", "work with, or talk to"),
    ("multi-agency", "name the organisations"),
    ("notwithstanding", "despite, or even though"),
    ("prior to", "before"),
    ("proactive", "say what we will do"),
    ("pursuant to", "under"),
    ("remit", "what we are responsible for"),
    ("robust", "thorough, or strong"),
    ("service user", "you, or the person's name"),
    ("signpost", "tell you who can help"),
    ("stakeholder", "name the people or groups"),
    ("the complainant", "you, or the person's name"),
    ("touch base", "talk, or get in touch"),
    ("utilise", "use"),
    ("void property", "empty home"),
    ("with regard to", "about"),
]


def add_starter_list(apps, schema_editor):
    JargonTerm = apps.get_model("staff", "JargonTerm")
    for term, instead in STARTER_LIST:
        JargonTerm.objects.get_or_create(term=term, defaults={"instead": instead})


class Migration(migrations.Migration):
    dependencies = [("staff", "0001_initial")]

    operations = [migrations.RunPython(add_starter_list, migrations.RunPython.noop)]
