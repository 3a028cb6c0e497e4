"""examples/oauth-demo's oauth-client-credentials-demo written with
connector-py: the client-credentials flow, token URL computed from the
settings."""

from connector.cli import run_integration
from connector.generated import (
    AppCategory,
    ValidateCredentialsRequest,
    ValidateCredentialsResponse,
    ValidatedCredentials,
)
from connector.integration import DescriptionData, Integration, StandardCapabilityName, OAuthClientCredential
from connector_sdk_types.oai.modules.oauth_module_types import OAuthFlowType, OAuthSettings
from pydantic import BaseModel, Field


class DemoSettings(BaseModel):
    """Where the demo app lives."""

    base_url: str = Field(description="Base URL of the app, e.g. `https://demo.example`.")


def url(path):
    return lambda args: args.settings["base_url"].rstrip("/") + path


integration = Integration(
    app_id="oauth-client-credentials-demo",
    version="0.1.0",
    auth=OAuthClientCredential,
    settings_model=DemoSettings,
    oauth_settings=OAuthSettings(
        token_url=url("/oauth/token"),
        scopes={"validate_credentials": "tenant:read profile"},
        flow_type=OAuthFlowType.CLIENT_CREDENTIALS,
    ),
    description_data=DescriptionData(
        user_friendly_name="OAuth Client Credentials Demo",
        description="Obtains tokens with the client-credentials flow.",
        categories=[AppCategory.DEVELOPERS],
    ),
    exception_handlers=[],
)


async def validate_credentials(args: ValidateCredentialsRequest) -> ValidateCredentialsResponse:
    return ValidateCredentialsResponse(response=ValidatedCredentials(valid=True, unique_tenant_id="demo"))


integration.register_capabilities({StandardCapabilityName.VALIDATE_CREDENTIALS: validate_credentials})

if __name__ == "__main__":
    run_integration(integration)
