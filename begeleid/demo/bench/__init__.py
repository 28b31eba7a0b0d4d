"""The page benchmark behind ``manage.py bench`` (see docs/performance.md).

For each size the benchmark generates data into a fresh database, then requests every
key page in ``PAGES`` as a typical user of that page with Django's test client, in this
one process: the query count, and the median and 95th percentile time over ``runs``
requests after a warm-up. The timed rounds go round the pages and, in blocks, round the
sizes, so the machine's load falls on every page and size alike. A trivial "hello" view,
mounted only for the benchmark, is the yardstick for the page/hello ratio.

``pages.PAGES`` is the registry: a domain issue that adds a key page or a dashboard
appends a ``Page`` there. A page whose URL does not exist (yet) is skipped and reported as
such. ``users`` picks the typical users, ``runner`` runs the sizes and draws the table;
this package re-exports their public names.
"""

from .pages import HELLO, PAGES, Page, feedback_form_data, hello
from .runner import (
    MAX_HELLO_RATIO,
    MAX_QUERIES,
    MAX_SIZE_RATIO,
    NO_MAIL,
    REUSE_DIR,
    WARMUP,
    BenchError,
    Report,
    Result,
    bench_urlconf,
    fresh_database,
    run,
    table,
)
from .users import (
    Skip,
    Target,
    team_of,
    typical_admin,
    typical_hr,
    typical_learner,
    typical_learner_enrolment,
    typical_practice_trainer,
    typical_supervised_enrolment,
    typical_supervisor,
    typical_team_leader,
)

__all__ = [
    "BenchError",
    "HELLO",
    "MAX_HELLO_RATIO",
    "MAX_QUERIES",
    "MAX_SIZE_RATIO",
    "NO_MAIL",
    "PAGES",
    "Page",
    "REUSE_DIR",
    "Report",
    "Result",
    "Skip",
    "Target",
    "WARMUP",
    "bench_urlconf",
    "feedback_form_data",
    "fresh_database",
    "hello",
    "run",
    "table",
    "team_of",
    "typical_admin",
    "typical_hr",
    "typical_learner",
    "typical_learner_enrolment",
    "typical_practice_trainer",
    "typical_supervised_enrolment",
    "typical_supervisor",
    "typical_team_leader",
]
