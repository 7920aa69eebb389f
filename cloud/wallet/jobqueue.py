"""Where the cloud's background jobs live, and the consumer that runs them inside the cloud process.

The queue is huey's: with Redis configured (`redis_url`, as for the rate limits) the jobs live in
Redis; else on a PostgreSQL cloud database in that database (huey's own `pass_jobs_*` tables); else
in a SQLite file beside the cloud's SQLite database. In every case a job queued and not yet run
when the process stops is still there when it starts again, and runs then.
"""

from __future__ import annotations

import logging
from pathlib import Path

from huey import PostgresHuey, RedisHuey, SqliteHuey
from huey.api import Huey
from huey.consumer import Consumer
from sqlalchemy.engine import make_url

from cloud.settings import Settings, default_data_dir

log = logging.getLogger("cloud.wallet.jobqueue")
QUEUE_NAME = "pass-updates"
JOBS_FILE = "cloud-jobs.sqlite3"
POLL_MOST = 0.5  # seconds an idle worker waits before looking at a SQLite queue again
# seconds a worker blocks on Redis or PostgreSQL (LISTEN) for a job: what a stop may wait for it
BLOCKING_READ = 0.25
SHUTDOWN_TIMEOUT = 30.0  # seconds a running job gets to finish when the cloud stops


def job_queue(settings: Settings) -> Huey:
    """The huey instance for these settings (storage opened, no consumer yet)."""
    if settings.redis_url:
        return RedisHuey(QUEUE_NAME, url=settings.redis_url, read_timeout=BLOCKING_READ)
    url = make_url(settings.database_url)
    if url.get_backend_name() == "postgresql":
        dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
        return PostgresHuey(QUEUE_NAME, dsn=dsn, table_prefix="pass_jobs", read_timeout=BLOCKING_READ)
    return SqliteHuey(QUEUE_NAME, filename=str(jobs_file(settings)))


def jobs_file(settings: Settings) -> Path:
    """Beside the cloud's SQLite file; in the data folder for an in-memory database."""
    database = make_url(settings.database_url).database
    if database and database != ":memory:":
        return Path(database).with_name(JOBS_FILE)
    return (settings.data_dir or default_data_dir()) / JOBS_FILE


class InProcessConsumer(Consumer):
    """huey's consumer as threads of the cloud process, started and stopped with the app. The web
    server owns the process's signals, so this consumer installs no handlers of its own."""

    def __init__(self, huey: Huey, workers: int) -> None:
        super().__init__(
            huey,
            workers=max(1, workers),
            periodic=False,
            max_delay=POLL_MOST,
            check_worker_health=False,
            shutdown_timeout=SHUTDOWN_TIMEOUT,
        )

    def _set_signal_handlers(self) -> None:
        pass

    def stop_and_wait(self) -> None:
        """Stop taking jobs, let running ones finish; the queued rest waits in storage."""
        self.stop(graceful=True)
        self.huey.storage.close()
