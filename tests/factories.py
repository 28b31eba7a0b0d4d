"""factory_boy factories for the foundation models; domain apps add their own."""

import datetime

import factory
from django.utils import timezone

from begeleid.accounts.models import Person
from begeleid.organisations.enums import Role
from begeleid.organisations.models import Membership, Organisation, Profession, Team

PASSWORD = "correct horse battery staple"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Ziekenhuis {n}")
    slug = factory.Sequence(lambda n: f"ziekenhuis-{n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Afdeling {n}")


class ProfessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profession

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Beroep {n}")
    code = factory.Sequence(lambda n: f"beroep-{n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Persoon {n}")
    password = factory.django.Password(PASSWORD)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SelfAttribute("person.organisation")
    team = None
    role = Role.LEARNER
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


def give_role(person, role, team=None, *, valid_from=None, valid_until=None):
    return MembershipFactory(
        person=person,
        role=role,
        team=team,
        valid_from=valid_from or timezone.localdate() - datetime.timedelta(days=30),
        valid_until=valid_until,
    )
