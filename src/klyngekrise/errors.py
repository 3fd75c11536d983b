"""The one exception type a user meets: a message, never a traceback."""


class InputError(Exception):
    """Bad data or a bad parameter, with a message that names where and what was expected."""

    def _render_traceback_(self) -> list[str]:
        # IPython calls this instead of printing a traceback, so a student running a
        # notebook sees the same one message as the command-line build.
        return [f"{type(self).__name__}: {self}"]
