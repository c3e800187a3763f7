"""The leaders' demo content: who they are, what they posted, what staff asked."""

LEADERS = [
    {
        "username": "leader",
        "slug": "laura-bennett",
        "role": "Chief executive",
        "biography": (
            "I joined Northwind as a customer service advisor twenty years ago. "
            "I still spend one day a month on the phones.\n\n"
            "Ask me anything here: I answer every question myself."
        ),
        "focus_areas": "Customer service that people talk about\n"
        "Hybrid work that works\nBeing open about what we get wrong",
        "delegates": ["editor"],
    },
    {
        "username": "oliver",
        "first_name": "Oliver",
        "last_name": "Grant",
        "job_title": "Chief operating officer",
        "department": "Leadership",
        "location": "Helsinki",
        "bio": "Operations, logistics and the tools you use every day.",
        "skills": "Logistics, process design, budgets",
        "linkedin_url": "https://www.linkedin.com/in/example-oliver",
        "slug": "oliver-grant",
        "role": "Chief operating officer",
        "biography": (
            "I look after how the work gets done: warehouses, systems and the "
            "processes in between. If something slows you down, tell me."
        ),
        "focus_areas": "Fewer forms, faster answers\nThe new warehouse in Oulu",
        "delegates": [],
    },
    {
        "username": "priya",
        "first_name": "Priya",
        "last_name": "Shah",
        "job_title": "Head of People",
        "department": "People and Culture",
        "location": "Tampere",
        "bio": "Hiring, growing and keeping great colleagues.",
        "skills": "Recruitment, coaching, wellbeing",
        "x_url": "https://x.com/example_priya",
        "slug": "priya-shah",
        "role": "Head of People",
        "biography": (
            "My team helps you grow here: learning, careers, wellbeing. I post "
            "about what we are changing and why."
        ),
        "focus_areas": "Learning budgets for everyone\nWellbeing at work",
        "delegates": [],
    },
]

# (leader username, slug, title, text, delegate username or "", days ago)
UPDATES = [
    (
        "leader",
        "what-i-heard-on-the-phones",
        "What I heard on the phones this month",
        "I spent Tuesday on the customer line again. Three calls out of ten were "
        "about delivery times we could have told people up front. We will fix the "
        "order confirmation first; Oliver's team starts next week.",
        "",
        2,
    ),
    (
        "leader",
        "our-year-ahead",
        "Our year ahead, in three lines",
        "Keep customers talking about us for the right reasons. Make hybrid work "
        "work for every team. Say openly what we get wrong and what we do about it.",
        "editor",
        9,
    ),
    (
        "oliver",
        "fewer-forms",
        "Fewer forms: the travel expense form is next",
        "You told us the travel expense form asks for every receipt three times. "
        "From next month it asks once. Tell me which form should be next.",
        "",
        4,
    ),
    (
        "priya",
        "learning-budgets",
        "A learning budget for everyone",
        "From April every colleague has a personal learning budget. No approval "
        "needed under 500 euros: pick what helps you grow.",
        "",
        20,
    ),
]

# (update slug, asker, question, leader's answer or "")
QUESTIONS = [
    (
        "what-i-heard-on-the-phones",
        "staff",
        "Will the new confirmation e-mail also say when the courier comes?",
        "Yes: the time window goes in the first version. Thank you for asking.",
    ),
    (
        "fewer-forms",
        "staff",
        "Can the mileage claim go into the same form?",
        "",
    ),
    (
        "learning-budgets",
        "moderator",
        "Does the budget cover conference travel?",
        "It does, as long as the conference is mainly about learning.",
    ),
]

REACTIONS = {
    "what-i-heard-on-the-phones": {"staff": "support", "moderator": "like"},
    "our-year-ahead": {"staff": "celebrate"},
    "fewer-forms": {"staff": "celebrate", "editor": "like"},
}

FOLLOWS = {"staff": ["leader", "oliver"], "moderator": ["leader"]}
