"""A progress bar on a terminal (rich); nothing when quiet or when the output is not a terminal."""

from __future__ import annotations

from contextlib import contextmanager


@contextmanager
def progress_bar(enabled: bool = True):
    """Yields `progress(stage, total) -> advance(n)`, or None when there is nothing to show."""
    if not enabled:  # rich is imported only for a bar (a quiet or JSON build, the no-op one, need none)
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        yield None
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as bar:
        def stage(description: str, total: int):
            task = bar.add_task(description, total=total)
            return lambda count=1: bar.advance(task, count)

        yield stage
