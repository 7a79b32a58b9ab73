"""Background jobs: meeting packs and imports run away from the web request, with progress.

``Jobs`` (``queue``) starts or shares a job and reads its state; ``runner`` runs one job, the same
function in a Celery worker (production) and in the web process's own small pool (embedded).
"""

from dashboard.jobs.context import JobContext, JobOutcome, JobStopped

__all__ = ["JobContext", "JobOutcome", "JobStopped"]
