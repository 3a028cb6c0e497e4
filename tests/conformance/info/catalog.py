"""A connector that declares its catalogue: resource, entitlement and
access-graph types, graph rules, annotated settings fields, an extended
create_account payload and custom capabilities."""

import enum

from connector.cli import run_integration
from connector_sdk_types.generated import (
    AccessGraphEntitlementRule,
    AccessGraphEntitlementType,
    AppCategory,
    AssignEntitlementRequest,
    AssignEntitlementResponse,
    AssignedEntitlement,
    CreatableAccount,
    CreateAccountResponse,
    CreatedAccount,
    EntitlementType,
    ImpliedAccessRule,
    ListResourcesRequest,
    ListResourcesResponse,
    ResourceType,
    TokenCredential,
    ValidateCredentialsRequest,
    ValidateCredentialsResponse,
    ValidatedCredentials,
)
from connector.integration import CustomRequest, CustomResponse, DescriptionData, Integration, StandardCapabilityName
from connector_sdk_types.oai.modules.access_graph_rules_module_types import AccessGraphRulesSettings
from connector_sdk_types.serializers.field import AnnotatedField, Discriminator, HiddenField, SecretField, SemanticType
from pydantic import BaseModel, Field


class Region(str, enum.Enum):
    """Where the tenant's data lives."""

    EU = "eu"
    US = "us"


class Seat(str, enum.Enum):
    FULL = "full"
    LIGHT = "light"


class CatalogSettings(BaseModel):
    """Where the app lives and how to reach it."""

    host: str = Field(description="Host name of the app.")
    region: Region = Field(default=Region.EU, description="The tenant's region.")
    page_size: int = Field(default=100, description="Accounts per page.")
    admin_key: str = SecretField(description="Key of the admin API.")
    tenant_hint: str | None = HiddenField(default=None)
    certificate: str | None = AnnotatedField(default=None, multiline=True, group="Advanced", description="PEM certificate.")
    signing_key: str | None = AnnotatedField(default=None, multiline=True, secret=True, group="Advanced")
    account_field: str | None = AnnotatedField(default=None, primary=False, semantic_type=SemanticType.ACCOUNT_ID, unique=True)
    seat_mapping: dict[str, str] | None = AnnotatedField(default=None, enum_mapping=Seat)
    proxy_url: str | None = AnnotatedField(
        default=None, discriminator=Discriminator(field="region", expected_value="us")
    )
    scopes: list[str] = Field(default=[], description="Scopes to ask for.")


class CatalogAccount(CreatableAccount):
    """An account with a seat."""

    seat: Seat = Field(description="The seat to give.")
    manager: str | None = Field(default=None, description="The manager's id.")


class EchoText(BaseModel):
    """Text to echo."""

    text: str = Field(description="The text.")
    times: int = 1


class EchoedText(BaseModel):
    """The echoed text."""

    text: str


class Nothing(BaseModel):
    pass


integration = Integration(
    app_id="catalog-demo",
    version="2.1.0",
    auth=TokenCredential,
    settings_model=CatalogSettings,
    description_data=DescriptionData(
        user_friendly_name="Catalog Demo",
        description="Declares resource and entitlement types.",
        categories=[AppCategory.IT_AND_SECURITY, AppCategory.COLLABORATION],
        logo_url="https://catalog.example/logo.png",
        app_vendor_domain="catalog.example",
    ),
    resource_types=[
        ResourceType(type_id="PROJECT", type_label="Project"),
        ResourceType(type_id="TEAM", type_label="Team"),
    ],
    entitlement_types=[
        EntitlementType(type_id="ROLE", type_label="Role", resource_type_id="", min=0, max=None),
        EntitlementType(type_id="MEMBER", type_label="Member", resource_type_id="PROJECT", min=1, max=3),
    ],
    access_graph_entitlement_types=[
        AccessGraphEntitlementType(type_id="READ", type_label="Read", resource_type_id="PROJECT"),
    ],
    access_graph_rules=AccessGraphRulesSettings(
        entitlement_rules=[
            AccessGraphEntitlementRule(
                entitlement_type="READ",
                entitlement_id="read",
                resource_type="PROJECT",
                denies_access=False,
                label="Read",
            )
        ],
        implied_access_rules=[
            ImpliedAccessRule(
                from_entitlement_type="MEMBER",
                from_entitlement_id="member",
                from_resource_type="TEAM",
                relationship_label="grants_access_to",
                to_entitlement_type="READ",
                to_entitlement_id="read",
                to_resource_type="PROJECT",
            )
        ],
    ),
    exception_handlers=[],
)


async def validate_credentials(args: ValidateCredentialsRequest) -> ValidateCredentialsResponse:
    return ValidateCredentialsResponse(response=ValidatedCredentials(valid=True, unique_tenant_id="catalog"))


async def list_resources(args: ListResourcesRequest) -> ListResourcesResponse:
    return ListResourcesResponse(response=[])


async def assign_entitlement(args: AssignEntitlementRequest) -> AssignEntitlementResponse:
    return AssignEntitlementResponse(response=AssignedEntitlement(assigned=True))


async def create_account(args: CustomRequest[CatalogAccount]) -> CreateAccountResponse:
    return CreateAccountResponse(response=CreatedAccount(created=True, status=None))


integration.register_capabilities(
    {
        StandardCapabilityName.VALIDATE_CREDENTIALS: validate_credentials,
        StandardCapabilityName.LIST_RESOURCES: list_resources,
        StandardCapabilityName.ASSIGN_ENTITLEMENT: assign_entitlement,
        StandardCapabilityName.CREATE_ACCOUNT: create_account,
    }
)


@integration.register_custom_capability("echo_text", display_name="Echo", description="Echoes the text.")
async def echo_text(args: CustomRequest[EchoText]) -> CustomResponse[EchoedText]:
    return CustomResponse[EchoedText](response=EchoedText(text=args.request.text * args.request.times))


@integration.register_custom_capability("ping_app")
async def ping_app(args: CustomRequest[Nothing]) -> CustomResponse[Nothing]:
    return CustomResponse[Nothing](response=Nothing())


if __name__ == "__main__":
    run_integration(integration)
