"""The demo's cast. Real organisations carry no invented figures (no registration codes); every invented
organisation is marked fictional. People are invented role accounts."""

PASSWORD = "innopart-demo"

# (key, name, short name, type, country, NACE codes, fictional, capabilities)
ORGANISATIONS = [
    (
        "eimin",
        "Ministry of the Economy and Innovation of the Republic of Lithuania",
        "EIMIN",
        "public_body",
        "LT",
        ["84.13"],
        False,
        "Designs and runs the Innovation Partnership Competition.",
    ),
    (
        "mita",
        "Science, Innovation and Technology Agency (MITA)",
        "MITA",
        "public_body",
        "LT",
        ["84.13"],
        False,
        "Cluster support, partner search and application support.",
    ),
    (
        "lic",
        "Lithuanian Innovation Centre (LIC)",
        "LIC",
        "other",
        "LT",
        ["70.22"],
        False,
        "Cluster support, innovation consulting and international networking.",
    ),
    (
        "linpra",
        "Lithuanian Engineering Industries Association (LINPRA)",
        "LINPRA",
        "industry_association",
        "LT",
        ["94.11"],
        False,
        "Engineering industry association; Industry 4.0 platform.",
    ),
    (
        "infobalt",
        "INFOBALT, the Lithuanian ICT industry association",
        "INFOBALT",
        "industry_association",
        "LT",
        ["94.11"],
        False,
        "ICT industry association.",
    ),
    (
        "invest",
        "Invest Lithuania",
        "Invest LT",
        "public_body",
        "LT",
        ["84.13"],
        False,
        "Foreign direct investment agency: links to international companies.",
    ),
    (
        "ktu",
        "Kaunas University of Technology",
        "KTU",
        "university",
        "LT",
        ["85.42", "72.19"],
        False,
        "Engineering, automation, food technology and materials research.",
    ),
    (
        "vu",
        "Vilnius University",
        "VU",
        "university",
        "LT",
        ["85.42", "72.19"],
        False,
        "Physics, laser research, life sciences, data science.",
    ),
    (
        "vilniustech",
        "Vilnius Gediminas Technical University (VILNIUS TECH)",
        "VILNIUS TECH",
        "university",
        "LT",
        ["85.42", "72.19"],
        False,
        "Mechatronics, robotics and industrial engineering.",
    ),
    (
        "ftmc",
        "Center for Physical Sciences and Technology (FTMC)",
        "FTMC",
        "research_institute",
        "LT",
        ["72.19"],
        False,
        "Lasers, photonics, materials and chemistry.",
    ),
    (
        "lammc",
        "Lithuanian Research Centre for Agriculture and Forestry (LAMMC)",
        "LAMMC",
        "research_institute",
        "LT",
        ["72.11", "72.19"],
        False,
        "Agriculture, bio-economy and agri-food residues.",
    ),
    (
        "lei",
        "Lithuanian Energy Institute",
        "LEI",
        "research_institute",
        "LT",
        ["72.19"],
        False,
        "Energy efficiency, hydrogen, combustion and materials.",
    ),
    # Invented organisations: clearly fictional.
    (
        "nemunas",
        "Nemunas Food Innovation Cluster",
        "NFIC",
        "cluster_organisation",
        "LT",
        ["94.11"],
        True,
        "Cluster of 28 food processors and suppliers.",
    ),
    (
        "bsmc",
        "Baltic Smart Manufacturing Cluster",
        "BSMC",
        "cluster_organisation",
        "LT",
        ["94.11"],
        True,
        "Cluster of machine builders and ICT integrators.",
    ),
    (
        "circult",
        "CircuLT Circular Economy Cluster",
        "CircuLT",
        "cluster_organisation",
        "LT",
        ["94.11"],
        True,
        "Cluster of recyclers, chemical and packaging companies.",
    ),
    ("agrovita", "Agrovita Foods UAB", "Agrovita", "sme", "LT", ["10.51"], True, "Dairy processing."),
    ("dzukija", "Dzūkija Bakery UAB", "Dzūkija Bakery", "sme", "LT", ["10.71"], True, "Bakery products."),
    (
        "ekorecycle",
        "EkoRecycle UAB",
        "EkoRecycle",
        "sme",
        "LT",
        ["38.32"],
        True,
        "Sorting and recovery of waste.",
    ),
    (
        "nordicpack",
        "Nordic Packaging Group, Lithuanian branch",
        "Nordic Packaging",
        "international_company",
        "SE",
        ["17.21"],
        True,
        "International packaging group with plants in six countries.",
    ),
    (
        "robotika",
        "Robotika UAB",
        "Robotika",
        "sme",
        "LT",
        ["28.99"],
        True,
        "Robot cells for small manufacturers.",
    ),
    ("dataforge", "DataForge UAB", "DataForge", "sme", "LT", ["62.01"], True, "Industrial data platforms."),
    ("bmw", "Baltic Machine Works AB", "BMW AB", "large_company", "LT", ["28.41"], True, "Machine tools."),
    (
        "scandi",
        "Scandi Automation AS",
        "Scandi Automation",
        "international_company",
        "NO",
        ["28.99"],
        True,
        "Automation supplier to European manufacturers.",
    ),
    (
        "verslo",
        "Verslo Sprendimai UAB",
        "Verslo Sprendimai",
        "sme",
        "LT",
        ["70.22"],
        True,
        "Business consulting.",
    ),
    ("linas", "Linas Textiles UAB", "Linas Textiles", "sme", "LT", ["13.20"], True, "Linen weaving."),
    ("biopack", "BioPack UAB", "BioPack", "sme", "LT", ["22.22"], True, "Bio-based packaging films."),
    (
        "woodline",
        "Woodline Furniture UAB",
        "Woodline",
        "large_company",
        "LT",
        ["31.09"],
        True,
        "Furniture maker.",
    ),
    (
        "lasertech",
        "LaserTech Baltic UAB",
        "LaserTech",
        "sme",
        "LT",
        ["26.70"],
        True,
        "Industrial laser systems.",
    ),
    (
        "greenchem",
        "GreenChem UAB",
        "GreenChem",
        "sme",
        "LT",
        ["20.59"],
        True,
        "Green chemistry from residues.",
    ),
]

CLUSTER_MEMBERS = {
    "nemunas": ["agrovita", "dzukija"],
    "bsmc": ["robotika", "dataforge", "bmw"],
    "circult": ["ekorecycle", "greenchem", "biopack"],
}

# (email, full name, platform roles, [(organisation key, role in organisation)])
USERS = [
    ("admin@innopart.example", "Demo Administrator", ["administrator"], []),
    (
        "manager@eimin.example",
        "Demo Programme Manager (Ministry)",
        ["programme_manager"],
        [("eimin", "member")],
    ),
    ("adviser@mita.example", "Demo Adviser (MITA)", ["agency_adviser"], [("mita", "member")]),
    ("analyst@eimin.example", "Demo Analyst", ["analyst"], [("eimin", "member")]),
    ("observer@innopart.example", "Demo Independent Observer", ["observer"], []),
    (
        "coordinator@nemunas.example",
        "Demo Coordinator (Nemunas Food Innovation Cluster)",
        ["applicant"],
        [("nemunas", "manager")],
    ),
    (
        "coordinator@bsmc.example",
        "Demo Coordinator (Baltic Smart Manufacturing Cluster)",
        ["applicant"],
        [("bsmc", "manager")],
    ),
    ("partner@ktu.example", "Demo Partner (KTU)", ["applicant"], [("ktu", "manager")]),
    ("coordinator@circult.example", "Demo Coordinator (CircuLT)", ["applicant"], [("circult", "manager")]),
    (
        "coordinator@lasertech.example",
        "Demo Coordinator (LaserTech Baltic)",
        ["applicant"],
        [("lasertech", "manager")],
    ),
    (
        "coordinator@woodline.example",
        "Demo Coordinator (Woodline Furniture)",
        ["applicant"],
        [("woodline", "manager")],
    ),
    ("newcomer@linas.example", "Demo Applicant (Linas Textiles)", ["applicant"], [("linas", "manager")]),
]

THEMATIC_FIELDS = [
    ("industry-4-0", "Industry 4.0", "Pramonė 4.0"),
    ("circular-economy", "Circular economy", "Žiedinė ekonomika"),
]

CALL_SLUG = "ipc-2027"
CALL_TEXT = {
    "title": "Innovation Partnership Competition",
    "summary": (
        "Groups of companies, cluster organisations, research institutions and universities bid to become one of "
        "two or three Innovation Partnerships, funded for up to ten years to build competitive, productive "
        "industrial value chains in Lithuania."
    ),
    "description": (
        "The competition is open to consortia working in the fields of Industry 4.0 and the circular economy. "
        "Applicants describe which technical application they would develop and use to build a value chain that "
        "provides high-productivity jobs and increased resource efficiency. The main rationale of the "
        "application should be market-driven.\n\n"
        "Awarded partnerships receive fixed funding for seven to ten years with agreed delivery items: a set-up "
        "phase of about two to three years judged on organisational milestones, then a delivery phase monitored "
        "on strategic indicators, with public funding falling gradually as the partnership's own resources grow.\n\n"
        "MITA and LIC support applicants in finding partners and preparing their applications."
    ),
    # The same texts in Lithuanian: the ministry writes both, and readers see their own language.
    "title_lt": "Inovacijų partnerysčių konkursas",
    "summary_lt": (
        "Įmonių, klasterių organizacijų, mokslinių tyrimų institucijų ir universitetų grupės varžosi tapti viena iš "
        "dviejų ar trijų inovacijų partnerysčių, iki dešimties metų finansuojamų kurti konkurencingas ir našias "
        "pramonės vertės grandines Lietuvoje."
    ),
    "description_lt": (
        "Konkursas atviras konsorciumams, dirbantiems Pramonės 4.0 ir žiedinės ekonomikos srityse. Pareiškėjai "
        "aprašo, kokį techninį sprendimą jie kurtų ir naudotų vertės grandinei, kuri sukurtų didelio našumo darbo "
        "vietų ir padidintų išteklių naudojimo efektyvumą. Pagrindinis paraiškos pagrindimas turėtų būti grindžiamas "
        "rinkos poreikiais.\n\n"
        "Finansuotos partnerystės nuo septynerių iki dešimties metų gauna fiksuotą finansavimą su sutartais "
        "rezultatais: maždaug dvejų ar trejų metų parengiamasis etapas vertinamas pagal organizacinius etapus, "
        "tada įgyvendinimo "
        "etapas stebimas pagal strateginius rodiklius, o viešasis finansavimas palaipsniui mažėja, augant "
        "partnerystės nuosaviems ištekliams.\n\n"
        "MITA ir LIC padeda pareiškėjams rasti partnerių ir parengti paraiškas."
    ),
}

SUBMITTED, DRAFT = "submitted", "draft"

# (acronym, title, coordinator, field, state, duration, yearly cost, [(partner, key partner)], texts or None)
APPLICATIONS = [
    (
        "FOODCIRCLE",
        "Food processing and the circular economy",
        "nemunas",
        "circular-economy",
        SUBMITTED,
        10,
        620_000,
        [
            ("agrovita", False),
            ("dzukija", False),
            ("ekorecycle", False),
            ("nordicpack", True),
            ("lammc", False),
            ("ktu", False),
        ],
        "food",
    ),
    (
        "DIGIMAN",
        "Digitalisation of industry: manufacturing",
        "bsmc",
        "industry-4-0",
        SUBMITTED,
        10,
        650_000,
        [
            ("linpra", False),
            ("infobalt", False),
            ("robotika", False),
            ("dataforge", False),
            ("bmw", False),
            ("scandi", True),
            ("ktu", False),
            ("vilniustech", False),
        ],
        "digital",
    ),
    (
        "LASERVAL",
        "A photonics value chain for precision manufacturing",
        "lasertech",
        "industry-4-0",
        SUBMITTED,
        8,
        480_000,
        [("ftmc", False), ("vu", False), ("bmw", True), ("dataforge", False)],
        "generic",
    ),
    (
        "BIOPACK",
        "Bio-based packaging from agri-food residues",
        "circult",
        "circular-economy",
        DRAFT,
        9,
        520_000,
        [
            ("greenchem", False),
            ("biopack", False),
            ("lammc", False),
            ("nordicpack", True),
            ("agrovita", False),
        ],
        "generic",
    ),
    (
        "WOOD40",
        "Wood and furniture 4.0",
        "woodline",
        "industry-4-0",
        DRAFT,
        7,
        400_000,
        [("lei", False), ("robotika", False), ("verslo", False), ("ktu", False), ("scandi", True)],
        None,
    ),
    (
        "TEXLOOP",
        "A closed loop for linen textiles",
        "linas",
        "circular-economy",
        DRAFT,
        7,
        250_000,
        [("ekorecycle", False)],
        None,
    ),
]
