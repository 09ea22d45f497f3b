"""Word lists shared by the entity and attribution extractors, kept as data.

All entries are lowercase. They name classes of words (titles, kinds of
speakers, reporting verbs), never particular people or incidents.
"""

# News organisations that often relay others' words; matched on the whole normalised name.
MEDIA_NAMES = frozenset(
    name.strip()
    for name in """
reuters|ap|associated press|afp|agence france-presse|agence france presse|bloomberg|upi|xinhua|tass|itar-tass
interfax|ria novosti|sputnik|yonhap|kyodo|jiji|anadolu|anadolu agency|ani|pti|ians|efe|ansa|dpa|kcna
bbc|bbc news|cnn|fox news|msnbc|nbc|nbc news|abc news|cbs|cbs news|npr|pbs|al jazeera|al arabiya|sky news
euronews|france 24|deutsche welle|rt|cgtn|nhk|kbs|mbc|voice of america|voa|radio free asia|rfa
new york times|washington post|wall street journal|usa today|los angeles times|guardian|the times|telegraph
daily telegraph|financial times|economist|independent|daily mail|the sun|mirror|observer|politico|axios|the hill
breitbart|breitbart news|huffpost|huffington post|buzzfeed news|vox|slate|the atlantic|newsweek|time magazine
new yorker|propublica|the intercept|le monde|le figaro|liberation|der spiegel|spiegel|die zeit|bild
el pais|el mundo|la repubblica|corriere della sera|haaretz|jerusalem post|times of israel|ynet
the hindu|times of india|hindustan times|dawn|straits times|south china morning post|japan times
asahi shimbun|yomiuri shimbun|mainichi|nikkei|chosun ilbo|joongang ilbo|dong-a ilbo|korea herald
korea times|hankyoreh|global times|people's daily|china daily|pravda|izvestia|kommersant|moscow times
kyiv independent|ukrainska pravda|kyiv post
""".replace("\n", "|").split("|")
    if name.strip()
)

# Word-level signs that an organisation name is a news outlet ("... Herald", "... News Agency").
# (any word of the name for radio/television/broadcasting/news; the last word for the others)
MEDIA_NAME_WORDS = frozenset("""
herald times post journal news gazette tribune daily weekly chronicle telegraph guardian observer agency press wire
radio television tv broadcasting broadcaster network channel magazine review ledger courier dispatch bulletin
monitor reporter examiner inquirer sentinel star standard mirror express record register
""".split())

# Common nouns that, placed before a name, say it is a news outlet ("news agency Yonhap").
MEDIA_DESCRIPTOR_NOUNS = frozenset("""
agency newspaper paper daily broadcaster network channel outlet magazine tabloid website station wire broadsheet
""".split())

# Titles and roles that may precede a person's name and belong in its descriptors.
TITLE_WORDS = frozenset("""
president vice prime minister secretary general lieutenant colonel major captain sergeant corporal private admiral
commander chief director deputy spokesman spokeswoman spokesperson senator sen congressman congresswoman rep
representative governor mayor ambassador envoy judge justice attorney prosecutor officer inspector detective
sheriff chairman chairwoman chair ceo founder leader king queen prince princess sheikh emir pope bishop father
rev reverend dr doctor professor prof mr mrs ms miss sir lord lady dame surgeon nurse lawyer analyst researcher
official minister's army navy air force defense defence foreign interior justice health finance state
economy trade labour labor home police military opposition party former acting interim first lady
""".split())

HONORIFICS = frozenset("mr mrs ms miss dr prof sir madam mx".split())

# Heads of noun phrases that denote one person ("the man", "a defector").
PERSON_NOUNS = frozenset("""
man woman boy girl person individual defector soldier officer suspect victim gunman gunwoman attacker assailant
driver pilot passenger patient doctor surgeon nurse witness resident teenager child student worker employee
spokesman spokeswoman spokesperson official minister general commander leader guard refugee migrant survivor
journalist reporter photographer lawyer mother father son daughter husband wife owner farmer fisherman protester
activist prisoner detainee hostage civilian comrade colleague deserter chief medic paramedic firefighter
policeman policewoman rescuer sailor marine trooper militant fighter rebel
""".split())

# Heads of noun phrases that denote a group of people able to speak ("officials said").
GROUP_NOUNS = frozenset("""
officials authorities sources source lawmakers legislators investigators police officers soldiers troops residents
witnesses experts analysts doctors medics rescuers protesters activists organizers organisers spokesmen diplomats
prosecutors researchers scientists people workers staff employees villagers locals members leaders commanders
observers monitors eyewitnesses relatives families neighbours neighbors survivors critics supporters officers
""".split())

# Heads of noun phrases that denote an organisation ("the military said").
ORG_NOUNS = frozenset("""
military army navy government ministry department police company firm agency administration committee council
commission court parliament congress senate office embassy campaign party coalition union hospital university
school council command headquarters force forces regime cabinet presidency municipality
""".split())

# Heads of noun phrases that denote a document or recording ("according to CCTV footage").
DOCUMENT_NOUNS = frozenset("""
footage video recording recordings report reports statement statements document documents data figures records
record letter memo filing filings transcript transcripts images photos photographs survey poll study analysis
tally count census release communique announcement assessment indictment complaint lawsuit cable email emails
research average averages results findings audit review investigation probe inquiry evidence ruling verdict
book ad advertisement website tweet tweets polls surveys studies
""".split())

# Verbs that introduce reported speech or thought, by lemma, with how strongly they commit the source.
REPORTING_VERBS = {
    # certain: the source asserts it
    "say": "certain", "tell": "certain", "state": "certain", "announce": "certain", "report": "certain",
    "confirm": "certain", "add": "certain", "explain": "certain", "note": "certain", "declare": "certain",
    "write": "certain", "insist": "certain", "stress": "certain", "emphasize": "certain", "emphasise": "certain",
    "reiterate": "certain", "testify": "certain", "disclose": "certain", "reveal": "certain", "acknowledge": "certain",
    "admit": "certain", "warn": "certain", "argue": "certain", "assert": "certain", "maintain": "certain",
    "recall": "certain", "describe": "certain", "inform": "certain", "brief": "certain", "tweet": "certain",
    "post": "certain", "comment": "certain", "respond": "certain", "reply": "certain", "answer": "certain",
    "show": "certain", "indicate": "probable", "find": "certain", "conclude": "certain", "observe": "certain",
    "point": "certain", "order": "certain", "promise": "certain", "vow": "certain", "pledge": "certain",
    "predict": "probable", "forecast": "probable", "urge": "certain", "ask": "certain", "demand": "certain",
    "call": "certain", "accuse": "certain", "blame": "certain", "criticize": "certain", "criticise": "certain",
    "complain": "certain", "suggest": "probable", "hint": "possible", "imply": "probable",
    "continue": "certain", "joke": "certain", "assure": "certain", "quip": "certain", "counter": "certain",
    "retort": "certain", "remark": "certain", "recount": "certain", "muse": "probable", "boast": "certain",
    "scoff": "certain", "concede": "certain", "caution": "certain", "advise": "certain",
    # weaker commitment
    "believe": "probable", "think": "probable", "estimate": "probable", "expect": "probable", "assess": "probable",
    "feel": "probable", "suspect": "possible", "speculate": "possible", "guess": "possible", "hope": "possible",
    "fear": "possible", "worry": "possible", "claim": "possible", "allege": "possible", "contend": "possible",
    "remind": "certain", "repeat": "certain", "remember": "certain", "reaffirm": "certain", "clarify": "certain",
    "elaborate": "certain", "proclaim": "certain", "shout": "certain", "yell": "certain", "chant": "certain",
    "plead": "certain", "email": "certain", "interject": "certain", "recite": "certain", "utter": "certain",
    "brag": "certain", "detail": "certain", "outline": "certain", "underscore": "certain", "articulate": "certain",
    "voice": "certain", "retweet": "certain", "signal": "probable", "deem": "probable", "wonder": "possible",
    "doubt": "possible", "contemplate": "possible",
    # manner of speaking (Levin 37.3) and speaking with a feeling, which introduce quotes ("'Wonderful!' beamed X")
    "exclaim": "certain", "whisper": "certain", "murmur": "certain", "mutter": "certain", "mumble": "certain",
    "grumble": "certain", "scream": "certain", "holler": "certain", "bellow": "certain", "gush": "certain",
    "snarl": "certain", "growl": "certain", "grouse": "certain", "gripe": "certain", "moan": "certain",
    "groan": "certain", "rant": "certain", "rave": "certain", "beam": "certain", "fume": "certain",
    "marvel": "certain", "exult": "certain", "gloat": "certain",
    # denial
    "deny": "negated", "dismiss": "negated", "reject": "negated", "refute": "negated", "dispute": "negated",
}

# Reporting nouns that can head an attribution ("his claim that ...", "the assessment is that ...").
REPORTING_NOUNS = {
    "claim": "possible", "allegation": "possible", "assessment": "probable", "belief": "probable",
    "statement": "certain", "announcement": "certain", "report": "certain", "estimate": "probable",
    "view": "probable", "suggestion": "possible", "warning": "certain", "denial": "negated", "insistence": "certain",
    "assertion": "certain", "argument": "certain", "conclusion": "certain", "speculation": "possible",
}

# Words that mark a relay: the attributed words reached the author through this outlet.
RELAY_VERBS = frozenset("quote cite report carry relay publish air broadcast".split())

# Predicates of feeling: "lawmakers reportedly impressed" reports the subject's own state of mind.
STATE_OF_MIND = frozenset("""
impressed concerned worried angry angered pleased satisfied surprised shocked upset furious frustrated alarmed
convinced confident skeptical sceptical divided unhappy happy relieved disappointed stunned baffled optimistic
pessimistic wary cautious hopeful determined outraged dismayed troubled
""".split())

# Titles that, capitalised before capitalised words, announce a person's name ("Mayor Ana Ruiz").
PERSON_TITLES = frozenset("""
president minister secretary general colonel captain sergeant admiral commander senator governor mayor ambassador
judge prosecutor inspector detective sheriff chairman chairwoman ceo king queen prince princess pope bishop dr doctor
professor prof mr mrs ms spokesman spokeswoman lieutenant major officer rep sen gov chancellor premier deputy
councillor councilor superintendent commissioner constable corporal private lawyer attorney director surgeon
""".split())

# Heads of noun phrases that denote a place ("Narva, a town of 50,000").
PLACE_NOUNS = frozenset("""
town city village capital port province region district county state country island suburb neighbourhood
neighborhood municipality settlement enclave territory republic kingdom area hamlet borough commune prefecture
""".split())

# Objects of a reporting verb that carry the reported clause ("denied reports that ...").
CLAIM_NOUNS = frozenset("""
report reports claim claims allegation allegations speculation rumour rumours rumor rumors suggestion suggestions
accusation accusations charge charges assertion assertions notion idea possibility fears concern concerns
""".split())

# Last words of company and institution names ("Van Keulen Coatings", "Baltic Shipping Ltd").
ORG_NAME_WORDS = frozenset("""
inc inc. ltd ltd. llc plc corp corp. corporation company co co. group holdings industries coatings chemicals
systems technologies bank airlines airways motors energy partners associates foundation institute university
college hospital council ministry department agency authority commission committee party union league association
""".split())

# Verbs whose object (not a clause) is what the source holds or expresses: "endorsed Cruz",
# "criticized the plan", "called Trump 'unhinged'", "accused X of Y", "wants X to lose".
STANCE_VERBS = frozenset("""
endorse support oppose criticize criticise praise condemn slam blast attack defend reject question dispute welcome
applaud back mention cite propose recommend demand accuse blame describe call want seek favor favour urge ask warn
promise pledge vow threaten refuse hope plan intend expect decline offer acknowledge admit deny announce unveil
highlight emphasize emphasise dismiss mock ridicule predict estimate concede know agree suggest recall insist
characterize characterise label dub brand tout hail laud denounce decry lament deplore fault knock chide scold
see view regard discuss thank congratulate express echo challenge bemoan protest compare prefer envision
encourage portray list credit assail lambast deride rebuke rebut rebuff repudiate disavow liken invoke reference
attribute advocate request charge relish interpret detail outline document reaffirm underscore voice articulate
proclaim chant recite repeat remember name
commend extol trash rip downplay boo insult belittle disparage berate castigate chastise censure admonish reproach
scorn lionize glorify champion promote dislike resent contradict justify paint frame hammer pan snub spurn salute
trumpet hype minimize exaggerate overstate understate misrepresent mischaracterize cheer embrace resist
""".split())

# Verb + preposition whose object is the attributed content: "called for an inquiry", "warned of a crisis".
STANCE_PREPOSITIONS = {
    "call": ("for", "on"), "warn": ("of", "about", "against"), "ask": ("for", "about"), "argue": ("for", "against"),
    "push": ("for",), "advocate": ("for",), "speak": ("about", "of", "out"), "talk": ("about",),
    "complain": ("about", "of"), "comment": ("on",), "apologize": ("for",), "apologise": ("for",),
    "vote": ("for", "against"), "campaign": ("for", "against"), "testify": ("about",), "agree": ("with",),
    "disagree": ("with",), "object": ("to",), "respond": ("to",), "react": ("to",), "boast": ("about", "of"),
    "point": ("to",), "refer": ("to",), "focus": ("on",), "rail": ("against",), "swipe": ("at",),
    "lash": ("out",), "weigh": ("in",), "write": ("about", "of"), "allude": ("to",), "vouch": ("for",),
    "balk": ("at",), "side": ("with",), "spar": ("with",), "dwell": ("on",), "pivot": ("to",),
    "acquiesce": ("to",), "hint": ("at",), "insist": ("on",), "press": ("for",), "plead": ("for",),
    "elaborate": ("on",), "brag": ("about",), "harp": ("on",), "reflect": ("on",),
}
