"""Adoption across the organizations a user belongs to: per topic, how many ratified contracts include it
and at what strength; which worksites in bargaining lack it; and a bar chart of the ratified counts.
A fixed number of queries, whatever the number of contracts."""

from collections import defaultdict

from django.db.models import Count, Q

from cases.models import Stage, Worksite
from power_campaign import charts

from .models import AdoptedClause, ClauseStatus, ClauseTopic, Proposal, ProposalClause, Strength

ROW = 36


class TopicBar(charts.Bar):
    @property
    def topic(self):
        return self.key


def summary(user):
    topics = list(ClauseTopic.objects.order_by("order", "code"))
    ratified = Proposal.objects.for_user(user).filter(status=Proposal.Status.RATIFIED).count()
    counts = defaultdict(dict)  # topic id: {strength: contracts}
    adopted = (
        AdoptedClause.objects.for_user(user)
        .values("topic", "strength")
        .annotate(contracts=Count("proposal", distinct=True))
        .order_by()
    )
    for row in adopted:
        counts[row["topic"]][row["strength"]] = row["contracts"]
    contracts = dict(
        AdoptedClause.objects.for_user(user)
        .values("topic")
        .annotate(contracts=Count("proposal", distinct=True))
        .order_by()
        .values_list("topic", "contracts")
    )

    # Worksites in bargaining: at that stage, or with a proposal at the table.
    at_table = Proposal.objects.for_user(user).filter(status=Proposal.Status.BARGAINING)
    bargaining = list(
        Worksite.objects.for_user(user)
        .filter(Q(current_stage=Stage.BARGAINING) | Q(contract_proposals__in=at_table))
        .distinct()
        .order_by("employer_name", "pk")
    )
    present = defaultdict(set)  # worksite id: topic ids in a draft or open proposal (withdrawn left out)
    clauses = (
        ProposalClause.objects.for_user(user)
        .filter(proposal__status__in=[Proposal.Status.DRAFT, Proposal.Status.BARGAINING])
        .exclude(status=ClauseStatus.WITHDRAWN)
        .values_list("proposal__worksite", "clause__topic")
        .distinct()
    )
    for worksite_id, topic_id in clauses:
        present[worksite_id].add(topic_id)

    rows = []
    for topic in topics:
        by_strength = [(value, label, counts[topic.pk].get(value, 0)) for value, label in Strength.choices]
        rows.append(
            {
                "topic": topic,
                "contracts": contracts.get(topic.pk, 0),
                "by_strength": by_strength,
                "lacking": [w for w in bargaining if topic.pk not in present[w.pk]],
            }
        )
    chart = charts.bar_chart(
        [(row["topic"].code, row["topic"].label, row["contracts"]) for row in rows],
        row_height=ROW,
        bar=TopicBar,
    )
    return {"rows": rows, "ratified": ratified, "bargaining": bargaining, "chart": chart}
