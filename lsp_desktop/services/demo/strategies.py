"""Demo strategies: an agreed Community Strategy (three versions, March 2002) and a
Neighbourhood Renewal Strategy agreed in April 2002 (three versions), with targets,
neighbourhoods, endorsements and a consultation log."""

from __future__ import annotations

from datetime import date

from lsp_desktop.domain.strategies import (
    ConsultationEvent,
    Endorsement,
    Neighbourhood,
    Strategy,
    StrategyStatus,
    StrategyType,
    Target,
)

D = date

_VISION_1 = """## Thameside in 2012

Thameside will be a place where people *want* to live and work: safer streets, \
good homes and jobs within reach of every neighbourhood.
"""
_VISION_2 = _VISION_1 + """
We will close the gap between Northfields, Eastgate and the rest of the borough.
"""
_VISION_3 = """## Thameside in 2012

Thameside will be a place where people **choose** to live, work and bring up their \
families: safer streets, decent homes, good schools and jobs within reach of every \
neighbourhood.

By 2012 no neighbourhood will be left behind: we will narrow the gap between \
Northfields, Eastgate and the rest of the borough on every floor target.
"""
_ACTION_1 = """The partners will agree an action plan for each theme.
"""
_ACTION_3 = """Each theme has a lead partner and a yearly action plan:

1. Jobs and skills - led by the Employment Service & the Learning and Skills Council
2. Community safety - led by the Metropolitan Police and the Drug Action Team
3. Health - led by Thameside Primary Care Trust
4. Homes and liveability - led by the council and Riverside Housing Association

See the [action plans](https://example.org/thameside/action-plans) for detail.
"""
_COMMITMENT_2 = """Every partner on the board will sign up to the strategy.
"""
_COMMITMENT_3 = """Every body on the board endorses this strategy and commits its own \
plans and budgets to it. Partners will report progress to the board each quarter.

* The council will bend mainstream budgets towards the priority neighbourhoods
* Health, police and employment services will share data through the partnership
* The voluntary & community sector will be funded through the Community Empowerment Fund
"""
_MONITORING_3 = """The board reviews the targets register every quarter; a yearly \
report goes to the Government Office for London and to every household (in English, \
Polish, Bengali, Somali, Turkish and Vietnamese).
"""

_NRS_1 = {
    "Priority neighbourhoods": "Northfields and Eastgate are among the 10% most deprived "
                               "wards in England on the Indices of Deprivation 2000.",
    "Problems and baselines": "Worklessness, burglary and poor health are the main problems.",
    "Floor-target themes": "All six floor-target themes apply.",
}
_NRS_2 = {
    "Priority neighbourhoods": """### Northfields and Eastgate

Both estates rank among the **10% most deprived** wards in England (Indices of \
Deprivation 2000). Together they hold 14% of the borough's people but 31% of its \
claimants.
""",
    "Problems and baselines": """* Worklessness: 9.8% claimant rate against 3.4% nationally
* Burglary: 41 per 1,000 households (borough 28)
* Health: life expectancy 4 years below the borough average
""",
    "Resources and funding map": """NRF brings £4.2m in 2001/02 and £6.3m in 2002/03; \
the Community Empowerment Fund about £400,000 over three years.
""",
    "Floor-target themes": """All six themes apply: employment, crime, education and \
skills, health, housing and liveability.
""",
    "Local delivery": "Neighbourhood managers in each estate from September 2002.",
    "Community involvement": """Residents hold half the seats on each neighbourhood \
board. The consultation draft went to every household and to 40 community groups.
""",
    "Monitoring and evaluation": "Quarterly reports to the board against the targets register.",
}
_LEARNING_PLAN = """Agreed by the board in May 2002. Board members and community \
representatives each have a learning need noted at induction; two workshops a year \
(finance and NRF rules; reading performance data) and a study visit to another LSP.
"""


def _write(services, strategy_id: int, texts: dict[str, str]) -> None:
    for section in services.strategies.sections(strategy_id):
        if section.title in texts:
            services.strategies.save_section_body(section.id, texts[section.title])


def _community(services) -> int:
    svc = services.strategies
    s = svc.create(Strategy(StrategyType.COMMUNITY, "Thameside Community Strategy",
                            "2002-2012", StrategyStatus.WORKING_DRAFT, "Ruth Adeyemi"))
    _write(services, s.id, {"Long-term vision": _VISION_1, "Action plan": _ACTION_1})
    svc.save_version(s.id, "working draft, November 2001", today=D(2001, 11, 20))
    s = svc.update(Strategy(**{**s.__dict__, "status": StrategyStatus.CONSULTATION_DRAFT}))
    _write(services, s.id, {"Long-term vision": _VISION_2, "Shared commitment": _COMMITMENT_2})
    svc.save_version(s.id, "consultation draft, January 2002", today=D(2002, 1, 14))
    s = svc.update(Strategy(**{**s.__dict__, "status": StrategyStatus.AGREED}))
    _write(services, s.id, {"Long-term vision": _VISION_3, "Action plan": _ACTION_3,
                            "Shared commitment": _COMMITMENT_3,
                            "Arrangements for monitoring": _MONITORING_3})
    svc.save_version(s.id, "agreed by the board, March 2002", today=D(2002, 3, 21))
    return s.id


def _neighbourhood_renewal(services) -> int:
    svc = services.strategies
    s = svc.create(Strategy(StrategyType.NEIGHBOURHOOD_RENEWAL,
                            "Thameside Neighbourhood Renewal Strategy", "2002-2005",
                            StrategyStatus.WORKING_DRAFT, "Tom Greenwood"))
    _write(services, s.id, _NRS_1)
    svc.save_version(s.id, "working draft, February 2002", today=D(2002, 2, 8))
    s = svc.update(Strategy(**{**s.__dict__, "status": StrategyStatus.CONSULTATION_DRAFT}))
    _write(services, s.id, _NRS_2)
    svc.save_version(s.id, "consultation draft, March 2002", today=D(2002, 3, 4))
    s = svc.update(Strategy(**{**s.__dict__, "status": StrategyStatus.AGREED}))
    svc.save_version(s.id, "agreed by the board, April 2002", today=D(2002, 4, 23))
    # Work has gone on since it was agreed: the learning plan (May 2002) and a glossary.
    _write(services, s.id, {"Learning plan": _LEARNING_PLAN})
    svc.add_section(s.id, "Glossary", "**NRF**: Neighbourhood Renewal Fund. "
                    "**CEF**: Community Empowerment Fund.")
    return s.id


def _targets(services, community_id: int, nrs_id: int, hoods: list[int]) -> None:
    north, east = hoods
    t = Target
    for target in (
        # on track: claimant rate falling faster than the line
        t(nrs_id, "employment", "Claimant unemployment rate, Northfields (%)", 9.8,
          D(2001, 4, 1), 6.5, D(2004, 3, 31), 8.2, D(2002, 4, 1),
          "Employment Service claimant count", "Employment Service, Thameside District",
          3.4, "national", north),
        # off track: burglary hardly moving
        t(nrs_id, "crime", "Domestic burglaries per 1,000 households, Eastgate", 41.0,
          D(2001, 4, 1), 28.0, D(2004, 3, 31), 39.5, D(2002, 4, 1),
          "Metropolitan Police recorded crime", "Metropolitan Police, Thameside Borough",
          28.0, "district", east),
        # on track
        t(nrs_id, "education and skills", "Pupils with 5+ GCSEs A*-C (%)", 31.0,
          D(2000, 9, 1), 38.0, D(2004, 9, 1), 34.0, D(2001, 9, 1),
          "DfES performance tables", "London Borough of Thameside",
          49.0, "national"),
        # off track
        t(nrs_id, "health", "Under-18 conceptions per 1,000 girls aged 15-17", 68.0,
          D(2000, 12, 31), 55.0, D(2004, 12, 31), 67.0, D(2001, 12, 31),
          "ONS conception statistics", "Thameside Primary Care Trust", 45.0, "national"),
        # on track
        t(nrs_id, "housing", "Council homes below the decent homes standard (%)", 46.0,
          D(2001, 4, 1), 30.0, D(2005, 4, 1), 40.0, D(2002, 4, 1),
          "Housing stock condition survey", "Riverside Housing Association"),
        # no baseline yet: flagged
        t(nrs_id, "liveability", "Residents satisfied with street cleanliness (%)",
          target_value=70.0, target_date=D(2005, 3, 31), latest_value=52.0,
          latest_date=D(2002, 3, 1), data_source="Residents' survey 2002",
          lead_partner="London Borough of Thameside", neighbourhood_id=north),
        t(community_id, "Local: community cohesion",
          "Residents who feel people from different backgrounds get on well (%)", 58.0,
          D(2001, 6, 1), 70.0, D(2006, 6, 1), 61.0, D(2002, 6, 1), "Residents' survey",
          "Thameside Council for Voluntary Service"),
    ):
        services.strategies.add_target(target)


def populate(services, today: date) -> None:
    svc = services.strategies
    community_id = _community(services)
    nrs_id = _neighbourhood_renewal(services)
    hoods = [svc.save_neighbourhood(n).id for n in (
        Neighbourhood("Northfields", "Northfields; Canal",
                      "Claimant rate three times the national figure; 10% most deprived "
                      "wards (Indices of Deprivation 2000)."),
        Neighbourhood("Eastgate", "Eastgate; Old Kent Road East",
                      "Burglary and under-18 conceptions well above the borough rate."),
    )]
    _targets(services, community_id, nrs_id, hoods)
    for body, who, on in (
        ("London Borough of Thameside", "Richard Ellison", D(2002, 3, 25)),
        ("Thameside Primary Care Trust", "Dr Helen Chowdhury", D(2002, 3, 28)),
        ("Metropolitan Police, Thameside Borough", "Ch Supt Gareth Price", D(2002, 4, 3)),
        ("Thameside Council for Voluntary Service", "Aoife Ní Bhriain", D(2002, 3, 26)),
        ("Northfields Tenants' Association", "Siobhán O'Neill", D(2002, 3, 22)),
        ("Thameside Business Partnership", "Jonathan Blake", D(2002, 4, 10)),
        ("Churches Together in Thameside", "Canon Peter Hughes", D(2002, 4, 12)),
    ):
        svc.add_endorsement(Endorsement(community_id, 3, body, who, on))
    for event in (
        ConsultationEvent("Community Strategy launch conference", D(2001, 12, 1),
                          D(2001, 12, 1), "Voluntary & community groups, residents' forums",
                          180, 64, "Jobs, safety and young people were the top three "
                          "priorities.", community_id),
        ConsultationEvent("Household questionnaire", D(2002, 1, 14), D(2002, 2, 28),
                          "Every household (in six languages)", 98000, 4215,
                          "72% agreed with the draft vision; many asked for cleaner streets.",
                          community_id),
        ConsultationEvent("Estate walkabouts and open meetings", D(2002, 3, 4),
                          D(2002, 4, 5), "Northfields and Eastgate residents, youth clubs, "
                          "mosque and church groups", 640, 212,
                          "Residents want neighbourhood wardens and a say in NRF grants.",
                          nrs_id),
        ConsultationEvent("Focus groups with BME communities", D(2002, 3, 11),
                          D(2002, 3, 22), "Somali, Bengali, Polish and Irish community groups",
                          85, 85, "Interpreting at meetings; advice on benefits.", nrs_id),
    ):
        svc.save_consultation(event)
