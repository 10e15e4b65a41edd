"""Section texts of the demo applications. The two illustrative partnerships follow the briefing's Figures 8
and 9; the others use a shared outline filled with their own subject."""

FOOD = {
    "strategic_relevance": (
        "The food processing industry is one of the largest contributors to Lithuania's GDP, provides many "
        "lower-productivity jobs and is an important user of natural resources. FOODCIRCLE implements the Circular "
        "Economy Strategy in this industry: higher labour and resource productivity by avoiding food waste and by "
        "using food residuals in higher-value processes (bio-economy)."
    ),
    "technology": (
        "Technologies for higher-value uses of food and agricultural waste exist at laboratory scale at LAMMC and "
        "KTU (fermentation, extraction of proteins and fibres). The consortium can pilot them in the dairy and "
        "bakery plants of its members and scale them with the packaging know-how of Nordic Packaging."
    ),
    "market": (
        "Demand for upcycled food ingredients and bio-based packaging grows across the EU. Lithuanian food "
        "products can strengthen their position in global value chains when waste becomes an input: the market "
        "analysis covers ingredients, feed, packaging and logistics services in the Baltic and Nordic markets."
    ),
    "stakeholders": (
        "Food processors, farmers, waste collectors and treatment companies, research institutions and an "
        "international packaging group form the core. Nordic Packaging is the key partner connecting SMEs to "
        "international value chains. New partners join through an open call every two years."
    ),
    "collaboration": (
        "A coordination office in the cluster with two trained coordination managers; a trust-building start with "
        "three small pilot projects in the first year (whey valorisation, bread residues as feed, returnable "
        "crates); quarterly partner meetings and a shared project pipeline."
    ),
    "resources": (
        "Membership fees rise as services prove their value; service fees from testing and logistics services; "
        "EU funds from Horizon Europe and LIFE from year three. The own-funding share grows from 15% to 55%."
    ),
}

DIGITAL = {
    "strategic_relevance": (
        "Lithuania's strengths include its digital infrastructure and ICT sector and a strong manufacturing "
        "sector that needs ever more advanced ICT. DIGIMAN supports the adaptation of advanced IT solutions by "
        "manufacturing SMEs, including Industry 3.0 steps where companies are not ready for Industry 4.0."
    ),
    "technology": (
        "Robot cells, machine connectivity, production data platforms and AI-based quality control exist and are "
        "supplied by the consortium's ICT and automation members; KTU and VILNIUS TECH bring robotics, "
        "automation and AI research and test beds."
    ),
    "market": (
        "About 2,000 manufacturing SMEs in Lithuania are potential users; international customers of Scandi "
        "Automation and Baltic Machine Works demand digital traceability. The market analysis sizes the demand "
        "for retrofitting, data services and training."
    ),
    "stakeholders": (
        "Digital industry clusters are linked with manufacturing clusters, LINPRA and INFOBALT as associations, "
        "two universities and an international automation company as key partner. Invest Lithuania helps to "
        "integrate foreign investors as new partners."
    ),
    "collaboration": (
        "A joint coordination unit hosted by the cluster, with training of coordination managers in the first "
        "year; trust-building through ten quick retrofit pilots in member SMEs; working groups per value-chain "
        "segment."
    ),
    "resources": (
        "Service fees for digital maturity checks and retrofit projects, membership fees from associations' "
        "members and EU funds (Digital Europe, Horizon Europe). The own-funding share grows to over 50%."
    ),
}


def generic(acronym: str, title: str) -> dict:
    subject = title[0].lower() + title[1:]
    return {
        "strategic_relevance": (
            f"{acronym} builds a Lithuanian value chain for {subject}. It supports sustainable high-productivity "
            "jobs and resource efficiency, in line with the country's smart specialisation priorities."
        ),
        "technology": (
            f"The technologies needed for {subject} exist in the research partners' laboratories and pilot "
            "lines; the consortium has the applied research and industrial capacity to use and develop them."
        ),
        "market": (
            f"The market analysis covers Lithuanian, Baltic and EU demand for {subject}, the competitors and the "
            "position in the value chain where most value added can be generated in Lithuania."
        ),
        "stakeholders": (
            "Companies of several sectors, research partners and an internationally connected key partner form "
            "the consortium; further SMEs are engaged through cluster events and an open membership policy."
        ),
        "collaboration": (
            "A coordination team with a training plan for its managers; small starting projects between pairs of "
            "partners in the first year to build trust; an annual strategy review with all members."
        ),
        "resources": (
            "Own resources grow from membership and service fees and from EU funds; the plan aims at an "
            "own-funding share of about half of the budget by the last year."
        ),
    }


TEXTS = {"food": lambda a, t: FOOD, "digital": lambda a, t: DIGITAL, "generic": generic}
