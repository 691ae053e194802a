"""Work off the UI thread: a job is a function taking a `progress(done, total, text)` callback;
a progress dialog appears only if it lasts more than half a second, and Cancel stops the job at
its next progress call (its transaction then rolls back)."""

from collections.abc import Callable
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from coorace_desktop.domain.progress import Progress
from coorace_desktop.storage.errors import user_message
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.app_state import Area, announce
from coorace_desktop.ui.widgets.errors import handle_unexpected


class JobCancelled(Exception):
    """Raised inside a job by its progress callback once the user pressed Cancel."""


class _JobThread(QThread):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, job: Callable[[Progress], Any], parent=None) -> None:
        super().__init__(parent)
        self._job = job
        self.cancelled = False

    def _progress(self, done: int, total: int, text: str = "") -> None:
        if self.cancelled:
            raise JobCancelled()
        self.progressed.emit(done, total, text)

    def run(self) -> None:
        try:
            result = self._job(self._progress)
        except BaseException as error:  # delivered to the UI thread, never lost in this one
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)


class BackgroundJob:
    """A job started in a thread; it keeps itself alive until it finishes. Once it succeeded it
    announces the areas it changed (`announces`), before on_success runs. With no `label`, a
    read the user did not ask for (a panel filling itself), no progress dialog ever shows.
    `on_end` runs once it ended however (before on_success, on_cancel or the error message)."""

    _running: set["BackgroundJob"] = set()

    @classmethod
    def any_running(cls) -> bool:
        return bool(cls._running)

    @classmethod
    def wait_all(cls) -> None:
        """Wait for every job's thread to end: before its database closes, and before the
        application exits (Qt aborts the process when a running thread is destroyed)."""
        for job in list(cls._running):
            job.wait()

    def __init__(
        self,
        parent: QWidget | None,
        label: str | None,
        job: Callable[[Progress], Any],
        on_success: Callable[[Any], None],
        on_cancel: Callable[[], None] | None = None,
        cancellable: bool = True,
        announces: frozenset[Area] = frozenset(),
        on_end: Callable[[], None] | None = None,
    ) -> None:
        self.thread = _JobThread(job)
        self.on_end = on_end
        self.announces = announces
        self.on_success = on_success
        self.on_cancel = on_cancel
        self.parent = parent
        self.dialog = None if label is None else self._progress_dialog(label, cancellable)
        if self.dialog is not None:
            self.thread.progressed.connect(self._show_progress)
        self.thread.succeeded.connect(self._finish_success)
        self.thread.failed.connect(self._finish_failure)
        BackgroundJob._running.add(self)
        self.thread.start()

    def _progress_dialog(self, label: str, cancellable: bool) -> QProgressDialog:
        dialog = QProgressDialog(label, "Annuler" if cancellable else "", 0, 0, self.parent)
        dialog.setWindowTitle("Coorace Desktop")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(500)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(self.cancel)
        return dialog

    def cancel(self) -> None:
        self.thread.cancelled = True
        if self.dialog is not None:
            self.dialog.setLabelText("Annulation…")

    def _show_progress(self, done: int, total: int, text: str) -> None:
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if text:
            self.dialog.setLabelText(text)

    def _close(self) -> None:
        self.thread.wait()
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.close()
            self.dialog.deleteLater()
        BackgroundJob._running.discard(self)
        if self.on_end is not None:
            self.on_end()

    def _finish_success(self, result: Any) -> None:
        self._close()
        if self.parent is not None:
            announce(self.parent, self.announces)
        self.on_success(result)

    def _finish_failure(self, error: BaseException) -> None:
        self._close()
        if isinstance(error, JobCancelled):
            if self.on_cancel:
                self.on_cancel()
            return
        message = user_message(error)
        if message:
            messages.show_error(self.parent, message)
        else:
            handle_unexpected(type(error), error, error.__traceback__)

    def wait(self) -> None:
        self.thread.wait()


# Start `job(progress)` in a thread; on_success(result) runs in the UI thread.
run_in_background = BackgroundJob


class LatestRead:
    """What a panel reads in a thread (no progress dialog): only the newest read asked for reaches
    `show(result)`, in the UI thread, and none once `owner` is deleted. One read runs at a time:
    asked again meanwhile (a year spun through), the newest waits for it, the others are dropped;
    `forget()` drops the reads asked for so far (the data changed meanwhile)."""

    def __init__(self, owner: QWidget, show: Callable[[Any], None]) -> None:
        self.owner, self.show = owner, show
        self.asked = self.delivered = 0
        self.running = False
        self.waiting: Callable[[], Any] | None = None

    @property
    def pending(self) -> bool:
        return self.delivered < self.asked

    def start(self, read: Callable[[], Any]) -> None:
        self.asked += 1
        if self.running:
            self.waiting = read
            return
        self.running = True
        run_in_background(None, None, lambda _progress: read(), partial(self._deliver, self.asked), on_end=self._ended)

    def forget(self) -> None:
        self.asked += 1
        self.delivered = self.asked
        self.waiting = None

    def _deliver(self, number: int, result: Any) -> None:
        if number == self.asked and shiboken6.isValid(self.owner):
            self.delivered = number
            self.show(result)

    def _ended(self) -> None:
        """After success or failure (a bug: its dialog shows), the read waiting starts."""
        self.running = False
        if self.waiting is not None:
            read, self.waiting = self.waiting, None
            self.asked -= 1  # counted when it was asked
            self.start(read)
