"""Tags for the slow kinds of test, so that `make test-fast` can leave them out:

- browser: drives headless Chromium;
- commit: commits real transactions (races between two cursors, backups);
- subprocess: runs another program (wkhtmltopdf, pdftotext, pg_dump, the set-up scripts);
- registry: tries every model of the registry as every role (minutes);
- slow: crawls every route of every addon (minutes).

The root conftest.py turns them into pytest markers (`pytest -m "not browser"`); Odoo 11's
own runner has no tags and runs every test.
"""
TAGS = ("browser", "commit", "subprocess", "registry", "slow")


def tagged(*tags):
    """Tags a test class or a test method."""
    unknown = set(tags) - set(TAGS)
    if unknown:
        raise ValueError("unknown test tags: %s" % ", ".join(sorted(unknown)))

    def decorate(test):
        test.qnetz_tags = frozenset(getattr(test, "qnetz_tags", ())) | frozenset(tags)
        return test
    return decorate
