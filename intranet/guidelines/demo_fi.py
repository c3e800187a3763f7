"""The guidelines' demo content in Finnish: the hub, the social-media policy, the
principles, the LinkedIn how-to and the ambassador training, written for Finnish
readers of the Northwind intranet (the same content as the English, not word for
word)."""

from .demo import heading, paragraph

HUB = {
    "title": "Ohjeet",
    "search_description": "Miksi olemme sosiaalisessa mediassa, mitä saa jakaa ja "
    "miten pääset alkuun.",
    "intro": "<p>Sosiaalisen median linjauksemme, periaatteemme ja niihin liittyvä "
    "koulutus. Lyhyesti, selkeästi ja sinua varten kirjoitettuna.</p>",
}
WHY = (
    "<p>Asiakkaamme, yhteistyökumppanimme ja tulevat kollegamme puhuvat työstämme jo "
    "nyt LinkedInissä, Facebookissa, Instagramissa ja X:ssä. Olemme siellä "
    "kuuntelemassa ja vastaamassa – ja näyttämässä, millaista työtä Northwindin "
    "ihmiset tekevät.</p>"
)
GOALS = [
    (
        "Meidät tavoittaa helposti",
        "Kanavissamme esitettyyn kysymykseen saa hyödyllisen vastauksen yhden "
        "arkipäivän kuluessa.",
    ),
    (
        "Ihmisemme näkyviin",
        "Puolet julkaisuistamme kertoo kollegoiden työstä, heidän itsensä kertomana.",
    ),
    (
        "Avoimuutta päätöksiin",
        "Kun muutamme jotain, mikä vaikuttaa asiakkaisiin, kerromme julkisesti, miksi.",
    ),
    (
        "Opimme keskustelusta",
        "Se, mitä asiakkaat kertovat meille somessa, päätyy tiimille, joka voi tehdä "
        "asialle jotain.",
    ),
]

POLICY = {
    "title": "Sosiaalisen median linjaus",
    "summary": "Viisi sääntöä siihen, miten kerrot työstäsi sosiaalisessa mediassa, "
    "ja keneltä kysyä, kun et ole varma.",
}
POLICY_BODY = [
    paragraph(
        "<p>Saat mielellään kertoa työstäsi sosiaalisessa mediassa. Tämä linjaus on "
        "tarkoituksella lyhyt: viisi sääntöä ja tieto siitä, keneltä kysyä, kun et "
        "ole varma.</p>"
    ),
    heading("Säännöt"),
    paragraph(
        "<ol><li>Kerro, että työskentelet Northwindissa ja että mielipiteesi ovat "
        "omiasi.</li>"
        "<li>Älä koskaan jaa asiakastietoja tai mitään, mikä on merkitty "
        "sisäiseksi.</li>"
        "<li>Ole ystävällinen silloinkin, kun muut eivät ole. Älä väittele "
        "julkisesti.</li>"
        "<li>Vain viestintätiimi puhuu Northwindin nimissä. Ohjaa median "
        "yhteydenotot ja valitukset sille.</li>"
        "<li>Teitkö virheen? Korjaa tai poista julkaisu ja kerro asiasta "
        "esihenkilöllesi.</li></ol>"
    ),
    {
        "type": "do_dont",
        "value": {
            "title": "Mitä saa jakaa",
            "ok": [
                {
                    "text": "Julkiset uutisemme ja blogikirjoituksemme",
                    "example": "Jaa kirjoitus Tampereen uudesta toimistosta.",
                },
                {
                    "text": "Se, mitä olet oppinut ja mistä olet ylpeä",
                    "example": "Kuva tiimistäsi asiakaspäivässä, kun kaikki kuvassa "
                    "olevat ovat antaneet siihen luvan.",
                },
            ],
            "not_ok": [
                {
                    "text": "Kaikki, mikä koskee asiakasta",
                    "example": "Nimet, tilaukset tai kuva, jossa näkyy näyttö tai "
                    "paketin osoitelappu.",
                },
                {
                    "text": "Sisäiset luvut ja suunnitelmat",
                    "example": "Myyntiluvut ennen kuin vuosikertomus on julkaistu.",
                },
            ],
        },
    },
    {
        "type": "callout",
        "value": {
            "tone": "info",
            "title": "Etkö ole varma?",
            "text": "<p>Kysy viestintätiimiltä ennen kuin julkaiset. Vastaamme samana "
            "päivänä.</p>",
        },
    },
    {
        "type": "faq",
        "value": {
            "title": "Usein kysyttyä",
            "items": [
                {
                    "question": "Saanko vastata asiakkaalle, joka valittaa meistä?",
                    "answer": "<p>Kiitä palautteesta, kerro välittäneesi sen eteenpäin "
                    "ja ilmoita asiasta asiakaspalveluun. Älä ratkaise asiaa "
                    "julkisesti.</p>",
                },
                {
                    "question": "Saanko tykätä julkaisuistamme ja jakaa niitä?",
                    "answer": "<p>Kyllä, mielellään. Sitä varten ne on tehty.</p>",
                },
            ],
        },
    },
]

PRINCIPLES_PAGE = {
    "title": "Periaatteemme",
    "summary": "Neljä periaatetta, joihin kaikki tekemisemme sosiaalisessa mediassa "
    "perustuu.",
}
PRINCIPLES = [
    (
        "Kohtaa yleisösi siellä, missä se jo on",
        "Asiakkaamme eivät tule verkkosivuillemme keskustelemaan kanssamme. Me menemme "
        "sinne, missä he jo ovat, ja puhumme siellä heidän kieltään.",
    ),
    (
        "Käytä sosiaalista mediaa kuulemiseen, osallistamiseen ja tiedottamiseen",
        "Kysymme ennen päätöksiä, vastaamme, kun meiltä kysytään, ja kerromme sen, "
        "mitä ihmisten tarvitsee tietää – tässä tärkeysjärjestyksessä.",
    ),
    (
        "Lisää sosiaalisella medialla avoimuutta ja vastuullisuutta",
        "Perustelemme päätöksemme julkisesti, myönnämme virheemme ja näytämme, mitä "
        "teemme niiden korjaamiseksi.",
    ),
    (
        "Ole mukana keskustelussa – siitä on monenlaista hyötyä",
        "Kuunteleminen on siitä puolet: se, mitä kuulemme, parantaa palvelujamme, ja "
        "ihmiset luottavat organisaatioon, joka osallistuu keskusteluun.",
    ),
]

LINKEDIN = {
    "title": "Näin aloitat LinkedInissä",
    "summary": "Laita profiilisi kuntoon ja kirjoita ensimmäinen julkaisusi. Aikaa "
    "kuluu parikymmentä minuuttia.",
}
LINKEDIN_BODY = [
    paragraph(
        "<p>LinkedInissä useimmat asiakkaamme ja tulevat kollegamme näkevät meidät. "
        "Alkuun pääsee parissakymmenessä minuutissa.</p>"
    ),
    {
        "type": "checklist",
        "value": {
            "title": "Laita profiilisi kuntoon",
            "items": [
                "Lisää selkeä kasvokuva ja omin sanoin kirjoitettu otsikko.",
                "Merkitse työnantajaksesi Northwind, niin profiilisi linkittyy "
                "yrityssivuumme.",
                "Seuraa Northwindin sivua ja laita sen ilmoitukset päälle.",
                "Kirjoita pari lausetta siitä, mitä teet ja kenelle.",
            ],
        },
    },
    heading("Ensimmäinen julkaisusi"),
    {
        "type": "example_post",
        "value": {
            "network": "LinkedIn",
            "good": {
                "text": "Asiakaspalvelumme ratkaisi tällä viikolla yhdeksän puhelua "
                "kymmenestä heti ensimmäisellä yhteydenotolla. Olen ylpeä, että saan "
                "tehdä töitä näiden ihmisten kanssa. #Northwind",
                "why": "Julkisia faktoja, kiitos kollegoille ja oma äänesi.",
            },
            "bad": {
                "text": "Melkoinen päivä: tamperelainen asiakas huusi minulle "
                "hyvityksestään. Voitteko uskoa?",
                "why": "Tekee asiakkaasta tunnistettavan ja jakaa yksityisen "
                "keskustelun.",
            },
        },
    },
]

TRAINING = {
    "title": "Lähettiläskoulutus",
    "summary": "Kolme lyhyttä oppituntia ja viiden kysymyksen testi. Kun läpäiset "
    "sen, voit jakaa julkisia kirjoituksiamme lähettiläänä.",
}
LESSONS = [
    (
        "Miksi sinun äänelläsi on väliä",
        "<p>Ihmiset luottavat ihmisiin enemmän kuin logoihin. Kollegan julkaisu "
        "tavoittaa kymmenen kertaa enemmän ihmisiä kuin sama julkaisu yrityksemme "
        "sivulta.</p>",
    ),
    (
        "Mitä lähettiläät jakavat",
        "<p>Julkisia kirjoituksiamme, omaa näkemystäsi työstäsi ja sitä, mitä olet "
        "oppinut. Ei koskaan asiakastietoja eikä koskaan mitään sisäistä.</p>",
    ),
    (
        "Kun keskustelu käy hankalaksi",
        "<p>Pysy ystävällisenä, siirrä keskustelu yksityiseen kanavaan ja kerro "
        "asiasta viestintätiimille. Sinun ei koskaan tarvitse vastata yksin.</p>",
    ),
]
# The English questions in their order, each with its answers in the same order.
QUESTIONS = [
    (
        "Missä meidän kannattaa keskustella asiakkaidemme kanssa?",
        [
            ("Siellä, missä he jo ovat", True, "Kyllä: menemme yleisömme luo."),
            (
                "Vain omilla verkkosivuillamme",
                False,
                "Harva asiakas tulee sinne keskustelemaan.",
            ),
            (
                "Ei missään, varmuuden vuoksi",
                False,
                "Hiljaisuus jättää keskustelun muille.",
            ),
        ],
    ),
    (
        "Asiakas valittaa meistä julkaisusi kommenteissa. Mitä teet?",
        [
            (
                "Kiität, kerrot välittäneesi viestin eteenpäin ja ilmoitat asiasta "
                "asiakaspalveluun",
                True,
                "Oikein: kuittaa julkisesti, ratkaise yksityisesti.",
            ),
            (
                "Selität perusteellisesti, miksi hän on väärässä",
                False,
                "Älä koskaan väittele julkisesti.",
            ),
            ("Poistat kommentin", False, "Poistaminen näyttää salailulta."),
        ],
    ),
    (
        "Mitä näistä saa jakaa?",
        [
            (
                "Julkisen blogikirjoituksemme uudesta toimistosta",
                True,
                "Julkinen uutinen: jaa ihmeessä.",
            ),
            (
                "Tämän vuosineljänneksen myyntiluvut",
                False,
                "Ne ovat sisäisiä, kunnes ne julkaistaan.",
            ),
            (
                "Kuvan, jossa näkyy paketin osoitelappu",
                False,
                "Osoitelapussa on asiakkaan tietoja.",
            ),
        ],
    ),
    (
        "Kuka vastaa Northwindin puolesta toimittajien kysymyksiin?",
        [
            ("Viestintätiimi", True, "Kyllä: ohjaa toimittajien kysymykset sille."),
            (
                "Kuka tahansa lähettiläs",
                False,
                "Lähettiläät puhuvat omasta puolestaan.",
            ),
            ("Se, jolta kysytään ensimmäisenä", False, "Ohjaa kysymys eteenpäin."),
        ],
    ),
    (
        "Julkaisit jotain virheellistä. Mitä nyt?",
        [
            (
                "Korjaat tai poistat julkaisun ja kerrot asiasta esihenkilöllesi",
                True,
                "Virheiden myöntäminen kuuluu vastuullisuuteen.",
            ),
            (
                "Annat olla ja toivot, ettei kukaan huomannut",
                False,
                "Joku huomaa aina.",
            ),
            (
                "Syytät automaattista tekstinkorjausta",
                False,
                "Ole mieluummin rehellinen.",
            ),
        ],
    ),
]
# What the change log says of each Finnish guideline's first version.
FIRST_PUBLISHED = "Ensimmäinen julkaisu."
