"""Redlines of a proposal's clauses, word by word (the platform's diff_words: deleted words in <del>,
added ones in <ins>, everything escaped): our wording against the library's model text, and the
employer's counter against our wording. Placeholders are filled in on both sides first."""

from power_campaign.redline import diff_words

from .services import fill


def against_model(proposal_clause, values, language):
    """{"title", "body", "changed"}: our wording of the clause against the version it was copied from."""
    version = proposal_clause.version
    old_title, new_title = (fill(getattr(o, f"title_{language}"), values) for o in (version, proposal_clause))
    old_body, new_body = (fill(getattr(o, f"body_{language}"), values) for o in (version, proposal_clause))
    return {
        "title": diff_words(old_title, new_title),
        "body": diff_words(old_body, new_body),
        "changed": (old_title, old_body) != (new_title, new_body),
    }


def counter(proposal_clause, values):
    """The employer's counter against our wording in the counter's language ("" without a counter)."""
    if not proposal_clause.counter_text:
        return ""
    ours = fill(getattr(proposal_clause, f"body_{proposal_clause.counter_language}"), values)
    return diff_words(ours, proposal_clause.counter_text)
