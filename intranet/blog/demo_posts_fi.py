"""Three of the demo blog's posts in Finnish, and the blog's own page: written for
Finnish readers of the Northwind intranet, in the shape of ``demo_posts.POSTS``.

The three are for staff, as their originals are: the policy, what is OK to share and
the ambassador programme, which the Finnish guidelines and training go with."""

BLOG = {
    "title": "Blogi",
    "search_description": "Uutisia ja tarinoita eri puolilta Northwindia – ja "
    "keskustelu niiden ympärillä.",
    "intro": "<p>Mitä Northwindissa tapahtuu, kerrottuna tekijöiden omin sanoin. Lue, "
    "reagoi ja osallistu keskusteluun jokaisen kirjoituksen alla.</p>",
}

# The English post's slug, and its translation.
POSTS = {
    "new-social-media-policy-is-out": {
        "title": "Uusi somelinjauksemme on julkaistu – ja se mahtuu yhdelle sivulle",
        "standfirst": "Korvasimme kaksitoista sivua sääntöjä yhdellä sivulla, jonka "
        "ehtii lukea kahvikupin ääressä. Lue se ja kuittaa luetuksi.",
        "body": [
            (
                "paragraph",
                "<p>Vanha ohjeistus luetteli kaiken, mitä ei saa tehdä. Harva meistä "
                "luki sitä, ja ne, jotka lukivat, päättelivät, että turvallisinta on "
                "pysyä hiljaa. Uusi linjaus lähtee siitä, mitä toivomme sinun tekevän, "
                "ja sanoo selvästi ne harvat asiat, jotka eivät ole sallittuja.</p>",
            ),
            ("heading", "Kolme asiaa, jotka eivät ole muuttuneet"),
            (
                "paragraph",
                "<ul><li>Asiakastiedot pysyvät aina luottamuksellisina.</li><li>Puhut "
                "omasta puolestasi etkä Northwindin, ellei se ole työtäsi.</li><li>Jos "
                "et sanoisi sitä henkilöstöravintolassa, älä julkaise sitä.</li></ul>",
            ),
            (
                "paragraph",
                "<p>Linjaus löytyy Ohjeet-osiosta. Sen lopussa on painike, jolla "
                "kuittaat lukeneesi sen.</p>",
            ),
        ],
    },
    "ambassador-programme-opens": {
        "title": "Ryhdy Northwindin lähettilääksi: ohjelma alkaa tänään",
        "standfirst": "Lähettiläät jakavat julkisia tarinoitamme omissa kanavissaan, "
        "ja me autamme siinä. Koulutukseen menee noin neljäkymmentä minuuttia.",
        "body": [
            (
                "paragraph",
                "<p>Kun tarina tulee kollegalta, se luetaan. Kun se tulee yrityksen "
                "sivulta, sen ohi selataan. Lähettiläät ovat kollegoita, jotka ovat "
                "päättäneet jakaa julkisia kirjoituksiamme omin sanoin.</p>",
            ),
            ("heading", "Näin pääset mukaan"),
            (
                "paragraph",
                "<ol><li>Suorita lähettiläskoulutus Ohjeet-osiossa.</li><li>Merkitse "
                "profiiliisi, että olet lähettiläs.</li><li>Julkisten kirjoitusten "
                "yhteydessä näet sen jälkeen valmiit tekstit, joilla voit jakaa "
                "ne.</li></ol>",
            ),
        ],
    },
    "what-is-ok-to-share": {
        "title": "Mitä saa jakaa? Vastaus yhdessä taulukossa",
        "standfirst": "Useimmin kysytty kysymys, niin yksinkertaisesti kuin osaamme "
        "siihen vastata.",
        "body": [
            (
                "paragraph",
                "<p>Jos olet epävarma, kysy. Muuten tämä taulukko kattaa useimmat "
                "tilanteet, joita vastaan tulee.</p>",
            ),
            (
                "table",
                [
                    ["Jaa", "Älä jaa"],
                    [
                        "Julkiset kirjoituksemme, omalla saatteellasi",
                        "Mitään, mikä koskee asiakasta",
                    ],
                    [
                        "Oma työsi, kun siitä on kerrottu julkisesti",
                        "Suunnitelmia, joista ei ole vielä kerrottu",
                    ],
                    ["Avoimet työpaikat", "Kollegoiden kuvia kysymättä heiltä lupaa"],
                ],
            ),
        ],
    },
}
