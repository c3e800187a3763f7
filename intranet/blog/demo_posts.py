"""The demo blog's posts: written for the Northwind intranet, not placeholder text."""

POSTS = [
    {
        "slug": "why-we-are-on-social-media",
        "title": "Why we are on social media",
        "standfirst": "Our customers talk about us every day, in places we rarely visit. "
        "Here is why we are joining those conversations, and what we hope to get from it.",
        "authors": ["leader"],
        "tags": ["social media", "strategy"],
        "pinned": True,
        "body": [
            (
                "paragraph",
                "<p>Last year more than half of the questions our customer service "
                "team answered started somewhere else: a LinkedIn comment, a post on Facebook, a "
                "message to one of you from a friend. People already talk about Northwind. The "
                "only question is whether we take part.</p>",
            ),
            ("heading", "What we want from it"),
            (
                "paragraph",
                "<ul><li>To <b>listen</b> before we speak: what customers like, "
                "what annoys them.</li><li>To <b>answer</b> where the question was asked.</li>"
                "<li>To let the people who do the work tell the story, in their own words.</li>"
                "</ul>",
            ),
            (
                "quote",
                "We should be in the places our customers already are, not wait for "
                "them to come to ours.|Laura Bennett, Chief executive",
            ),
            (
                "paragraph",
                "<p>None of this works if only the communications team does it. "
                "Read the guidelines, try it once, and tell us below what would help you start."
                "</p>",
            ),
        ],
    },
    {
        "slug": "getting-started-on-linkedin",
        "title": "Getting started on LinkedIn in twenty minutes",
        "standfirst": "A profile that says what you do, three people to follow, and one "
        "post to try. That is all it takes to begin.",
        "authors": ["editor"],
        "tags": ["LinkedIn", "how-to"],
        "body": [
            (
                "paragraph",
                "<p>You do not need a personal brand. You need a profile a "
                "customer would recognise, and the confidence to share one thing you are proud "
                "of.</p>",
            ),
            ("heading", "Your profile in five minutes"),
            (
                "paragraph",
                "<ol><li>A clear photo of your face.</li><li>A headline that says "
                "what you do for customers, not your grade.</li><li>Northwind as your current "
                "employer, so our page links to you.</li></ol>",
            ),
            (
                "callout",
                "Not sure whether something is OK to share? The short answer is in "
                "the guidelines; the long answer is a message to the communications team.",
            ),
            (
                "paragraph",
                "<p>Then share one of our public posts with a sentence of your own."
                " That sentence is the part people read.</p>",
            ),
        ],
    },
    {
        "slug": "new-social-media-policy-is-out",
        "title": "Our new social media policy is out: it is one page long",
        "standfirst": "We replaced twelve pages of rules with one page you can read over a "
        "coffee. Please read it and tell us you have.",
        "authors": ["editor"],
        "tags": ["policy", "social media"],
        "body": [
            (
                "paragraph",
                "<p>The old policy listed everything you must not do. Few of us "
                "read it, and those who did decided it was safer to stay silent. The new one "
                "starts from what we want you to do, and is clear about the few things that "
                "are not OK.</p>",
            ),
            ("heading", "The three things that have not changed"),
            (
                "paragraph",
                "<ul><li>Customer information stays private, always.</li><li>You "
                "speak for yourself, not for Northwind, unless that is your job.</li><li>If you "
                "would not say it in the staff canteen, do not post it.</li></ul>",
            ),
            (
                "paragraph",
                "<p>You will find it in Guidelines, with a button at the end to "
                "say you have read it.</p>",
            ),
        ],
    },
    {
        "slug": "customer-service-on-facebook",
        "title": "How customer service answered 4,000 questions on Facebook",
        "standfirst": "The Tampere team took over our Facebook inbox in March. Here is what "
        "they learned, and what surprised them.",
        "authors": ["staff"],
        "on_behalf_of": "The Customer Service team",
        "tags": ["customer service", "Facebook", "team stories"],
        "body": [
            (
                "paragraph",
                "<p>We expected complaints. We got questions: about opening hours, "
                "about invoices, about the new app. Most of them took a minute to answer, and "
                "people thanked us in public when we did.</p>",
            ),
            (
                "quote",
                "Answering in public means the next person with the same question "
                "finds the answer before they ask.|Sam Okafor, Customer service advisor",
            ),
            (
                "paragraph",
                "<p>Our median reply time is now 38 minutes during office hours. "
                "Next we want to try short video answers for the questions that come up every "
                "week.</p>",
            ),
        ],
    },
    {
        "slug": "question-from-laura-what-slows-you-down",
        "title": "A question from Laura: what slows you down?",
        "standfirst": "I want to hear about the process, the form or the tool that costs "
        "you the most time. Tell me below; I will read every answer.",
        "authors": ["leader"],
        "tags": ["leadership", "feedback"],
        "body": [
            (
                "paragraph",
                "<p>Every leadership team says it wants to remove obstacles. "
                "Few ask the people who trip over them. So I am asking: what is the one thing "
                "that slows you down most at work?</p>",
            ),
            (
                "paragraph",
                "<p>Be specific, be candid, and be kind to the colleagues who "
                "built it. I will reply here, and in a month I will post what we changed.</p>",
            ),
        ],
    },
    {
        "slug": "ambassador-programme-opens",
        "title": "Be a Northwind ambassador: the programme opens today",
        "standfirst": "Ambassadors share our public stories on their own channels, with a "
        "little help from us. Training takes forty minutes.",
        "authors": ["editor"],
        "tags": ["ambassadors", "social media"],
        "body": [
            (
                "paragraph",
                "<p>When a story comes from a colleague, people read it. When it "
                "comes from a company page, they scroll past. Ambassadors are colleagues who "
                "choose to share our public posts, in their own words.</p>",
            ),
            ("heading", "How to join"),
            (
                "paragraph",
                "<ol><li>Take the ambassador training in Guidelines.</li><li>Tick "
                "“ambassador” on your profile.</li><li>Look for the “Share this” panel on "
                "public posts.</li></ol>",
            ),
        ],
    },
    {
        "slug": "oulu-office-goes-paperless",
        "title": "The Oulu office went paperless. Nobody misses the printer",
        "standfirst": "Six months, two hundred fewer reams of paper, and one very quiet "
        "corner where the printer used to be.",
        "authors": ["moderator"],
        "tags": ["team stories", "sustainability"],
        "body": [
            (
                "paragraph",
                "<p>It started as a dare at a team lunch. It ended with signed "
                "contracts on tablets and a shared drive that finally has folders people "
                "understand.</p>",
            ),
            (
                "paragraph",
                "<p>The hardest part was not the technology; it was the habit. We "
                "kept a printer for two more months, just in case, and printed eleven pages.</p>",
            ),
        ],
    },
    {
        "slug": "listening-before-posting",
        "title": "Listening comes before posting",
        "standfirst": "Before you write anything, spend a week reading what your customers "
        "say. It will change what you write.",
        "authors": ["editor", "moderator"],
        "tags": ["social media", "how-to"],
        "body": [
            (
                "paragraph",
                "<p>The best posts we have published answered something a customer"
                " had already asked. We only knew to write them because someone was listening."
                "</p>",
            ),
            (
                "callout",
                "Try this: follow our five official channels for a week and note "
                "the three questions you see most often.",
            ),
        ],
    },
    {
        "slug": "what-is-ok-to-share",
        "title": "What is OK to share, in one table",
        "standfirst": "The question we get most, answered as simply as we can.",
        "authors": ["editor"],
        "tags": ["policy", "how-to"],
        "body": [
            (
                "paragraph",
                "<p>When in doubt, ask. When not in doubt, this table covers most "
                "of what comes up.</p>",
            ),
            (
                "table",
                [
                    ["Share", "Do not share"],
                    [
                        "Our public posts, with your own words",
                        "Anything about a customer",
                    ],
                    [
                        "Your own work, once it is public",
                        "Plans that are not announced",
                    ],
                    ["Job openings", "Colleagues' photos without asking"],
                ],
            ),
        ],
    },
    {
        "slug": "tampere-team-day",
        "title": "Tampere team day, in pictures and words",
        "standfirst": "Forty of us, one lake, no laptops. Here is what we talked about.",
        "authors": ["staff"],
        "tags": ["team stories"],
        "body": [
            (
                "paragraph",
                "<p>We spent the morning on the questions customers asked us most "
                "this year, and the afternoon canoeing badly. Both were useful.</p>",
            ),
        ],
    },
    {
        "slug": "leaders-on-linkedin",
        "title": "Why our leadership team is now on LinkedIn",
        "standfirst": "All seven of us now post at least once a month. Here is what we "
        "promised each other.",
        "authors": ["leader"],
        "tags": ["leadership", "LinkedIn"],
        "body": [
            (
                "paragraph",
                "<p>We asked you to be social. It would be odd if we were not. So "
                "each of us now posts at least once a month, writes it ourselves, and answers "
                "the comments.</p>",
            ),
        ],
    },
    {
        "slug": "measuring-what-matters",
        "title": "Measuring what matters: shares, not likes",
        "standfirst": "We will report on conversations started and questions answered, not "
        "follower counts.",
        "authors": ["editor"],
        "tags": ["strategy", "social media"],
        "body": [
            (
                "paragraph",
                "<p>Likes are easy to count and easy to get. What we care about is "
                "whether a post started a conversation, answered a question, or brought someone "
                "to apply for a job. That is what our monthly report will show.</p>",
            ),
        ],
    },
]

# (post slug, [(key, author, text, reply-to key or None)]): the demo conversations.
CONVERSATIONS = {
    "why-we-are-on-social-media": [
        (
            "a",
            "staff",
            "This matches what we see in customer service: people ask us on "
            "Facebook before they ever phone.",
            None,
        ),
        (
            "b",
            "leader",
            "Thank you, Sam. Could your team share the five questions you get "
            "most? I would like to answer some of them myself.",
            "a",
        ),
        ("c", "staff", "Happy to. I will post them in Discussions this week.", "b"),
        (
            "d",
            "moderator",
            "Worth adding: the guidelines have a short how-to for answering "
            "customers in public. https://example.com/guidelines",
            None,
        ),
        ("e", "editor", "And the LinkedIn how-to is on the blog too.", "d"),
    ],
    "question-from-laura-what-slows-you-down": [
        (
            "a",
            "staff",
            "The travel expense form. It asks for the same receipt three times.",
            None,
        ),
        ("b", "moderator", "Agreed. And it does not work on a phone.", "a"),
        (
            "c",
            "leader",
            "Noted, both of you. I have asked Finance to show me the form next week.",
            "a",
        ),
        ("d", "editor", "Booking meeting rooms across offices.", None),
    ],
    "customer-service-on-facebook": [
        (
            "a",
            "editor",
            "38 minutes is brilliant. Can we feature this on LinkedIn?",
            None,
        ),
        ("b", "staff", "Yes please! The team would love that.", "a"),
        (
            "c",
            "moderator",
            "Everyone on that team is useless, they never answer anything.",
            None,
        ),
    ],
    "new-social-media-policy-is-out": [
        ("a", "staff", "One page. Finally something I actually read to the end.", None),
    ],
}
REACTIONS = {
    "why-we-are-on-social-media": {
        "staff": "insightful",
        "editor": "like",
        "moderator": "support",
    },
    "customer-service-on-facebook": {"leader": "celebrate", "editor": "celebrate"},
    "question-from-laura-what-slows-you-down": {"staff": "support"},
}
# (post slug, comment key, who likes it)
LIKES = [
    ("why-we-are-on-social-media", "a", "leader"),
    ("why-we-are-on-social-media", "a", "editor"),
    ("why-we-are-on-social-media", "b", "staff"),
    ("question-from-laura-what-slows-you-down", "a", "editor"),
    ("question-from-laura-what-slows-you-down", "a", "moderator"),
]
# (post slug, comment key, reporter, reason)
REPORTS = [
    (
        "customer-service-on-facebook",
        "c",
        "staff",
        "This is an insult to a whole team, not feedback.",
    ),
]
