"""click's own messages that a dj-archive user can meet, marked for our catalog.

click looks its messages up through ``gettext`` at run time;
:func:`dj_archive.cli.common.translate_click` points that lookup at our catalog, and
this list puts the messages into it (``make messages``). Not imported at run time.
"""

from ..i18n import N_, ngettext

MESSAGES = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Positional arguments"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("%(prog)s, version %(version)s"),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"),
    N_("Missing command."),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Option {name!r} does not take a value."),
    N_("Argument {name!r} takes {nargs} values."),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("required"),
    N_("(dynamic)"),
    N_("Aborted!"),
    N_("deprecated"),
    N_("unknown error"),
    N_("Could not open file {filename!r}: {message}"),
)

PLURALS = (
    lambda n: ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", n),
    lambda n: ngettext("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", n),
    lambda n: ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", n),
    lambda n: ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", n),
    lambda n: ngettext(
        "{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}.", n
    ),
)
