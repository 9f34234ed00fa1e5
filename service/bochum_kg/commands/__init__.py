"""One module per `bochum-kg` subcommand, each with `run(args, settings) -> exit code`."""

from __future__ import annotations

import sys

from bochum_kg.config import Settings


def open_store_or_exit_code(settings: Settings, refusal: str):
    """The store the settings ask for (validated when embedded), or the exit code after saying why not.

    `refusal` completes the sentence shown when the data does not conform, e.g. "not serving it".
    """
    from bochum_kg.cli import EXIT_INVALID, EXIT_UNREADABLE
    from bochum_kg.kg.store import open_store
    from bochum_kg.kg.store.base import StoreUnavailable
    from bochum_kg.kg.store.embedded import DataInvalidError

    try:
        return open_store(settings)
    except DataInvalidError as err:
        print(err.result.text(), file=sys.stderr)
        print(f"error: the data does not conform to the shapes; {refusal} (run `bochum-kg validate`).", file=sys.stderr)
        return EXIT_INVALID
    except StoreUnavailable as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_UNREADABLE
