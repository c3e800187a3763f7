from intranet.demo import step

from .models import ExternalChannel, Network

CHANNELS = [
    (
        Network.LINKEDIN,
        "Northwind",
        "https://www.linkedin.com/company/example-northwind",
        "Communications",
        "News, jobs and stories from our people.",
        "Customers, partners and future colleagues",
    ),
    (
        Network.X,
        "@northwind",
        "https://x.com/example_northwind",
        "Communications",
        "Announcements and quick answers.",
        "Customers and the press",
    ),
    (
        Network.FACEBOOK,
        "Northwind",
        "https://www.facebook.com/example.northwind",
        "Customer Service",
        "Help and community news.",
        "Customers",
    ),
    (
        Network.INSTAGRAM,
        "@northwind.people",
        "https://www.instagram.com/example_northwind",
        "People and Culture",
        "Life at Northwind, told by staff.",
        "Future colleagues",
    ),
    (
        Network.YOUTUBE,
        "Northwind",
        "https://www.youtube.com/@example-northwind",
        "Communications",
        "Talks, explainers and events.",
        "Everyone",
    ),
]


@step(30, "External channels")
def channels(stdout):
    added = 0
    for order, (network, name, url, owner, purpose, audience) in enumerate(CHANNELS):
        _, created = ExternalChannel.objects.get_or_create(
            network=network,
            name=name,
            defaults={
                "url": url,
                "owner": owner,
                "purpose": purpose,
                "audience": audience,
                "sort_order": order,
            },
        )
        added += created
    return added
