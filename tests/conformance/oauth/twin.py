"""examples/oauth-demo's oauth-code-demo written with connector-py: the
authorization-code flow with PKCE, token URL computed from the settings."""

from connector.cli import run_integration
from connector.generated import (
    AppCategory,
    ValidateCredentialsRequest,
    ValidateCredentialsResponse,
    ValidatedCredentials,
)
from connector.integration import DescriptionData, Integration, StandardCapabilityName, OAuthCredential
from connector_sdk_types.oai.modules.oauth_module_types import OAuthSettings
from pydantic import BaseModel, Field


class DemoSettings(BaseModel):
    """Where the demo app lives."""

    base_url: str = Field(description="Base URL of the app, e.g. `https://demo.example`.")


def url(path):
    return lambda args: args.settings["base_url"].rstrip("/") + path


integration = Integration(
    app_id="oauth-code-demo",
    version="0.1.0",
    auth=OAuthCredential,
    settings_model=DemoSettings,
    oauth_settings=OAuthSettings(
        authorization_url=url("/oauth/authorize"),
        token_url=url("/oauth/token"),
        scopes={"validate_credentials": "tenant:read profile"},
        pkce=True,
    ),
    description_data=DescriptionData(
        user_friendly_name="OAuth Code Demo",
        description="Obtains tokens with the authorization-code flow and PKCE.",
        categories=[AppCategory.DEVELOPERS],
    ),
    exception_handlers=[],
)


async def validate_credentials(args: ValidateCredentialsRequest) -> ValidateCredentialsResponse:
    return ValidateCredentialsResponse(response=ValidatedCredentials(valid=True, unique_tenant_id="demo"))


integration.register_capabilities({StandardCapabilityName.VALIDATE_CREDENTIALS: validate_credentials})

if __name__ == "__main__":
    run_integration(integration)
