"""One small connector per way of authenticating, chosen by the TWIN_KIND
environment variable: each remaining credential kind as the connector's
`auth`, and a credentials list whose OAuth credentials carry their flows."""

import os

from connector.cli import run_integration
from connector.generated import ValidateCredentialsRequest, ValidateCredentialsResponse, ValidatedCredentials
from connector.integration import DescriptionData, Integration, StandardCapabilityName
from connector_sdk_types.generated import (
    ErrorResponse,
    JWTCredential,
    KeyPairCredential,
    OAuth1Credential,
    ServiceAccountCredential,
    ValidateCredentialConfigRequest,
    ValidateCredentialConfigResponse,
)
from connector_sdk_types.oai.modules import credentials_module_types as types
from connector_sdk_types.oai.modules.credentials_module_types import AuthModel, OAuthConfig
from connector_sdk_types.oai.modules.oauth_module_types import OAuthFlowType, OAuthSettings

# connector-py 4.191.0 under pydantic 2.9.2 cannot build CredentialConfig
# until its forward references are supplied.
for model in (types.CredentialConfig, OAuthConfig):
    model.model_rebuild(
        _types_namespace={
            "AuthModel": AuthModel,
            "ValidateCredentialConfigRequest": ValidateCredentialConfigRequest,
            "ValidateCredentialConfigResponse": ValidateCredentialConfigResponse,
            "ErrorResponse": ErrorResponse,
        }
    )

KIND = os.environ.get("TWIN_KIND", "oauth1")
AUTH = {
    "oauth1": OAuth1Credential,
    "jwt": JWTCredential,
    "service_account": ServiceAccountCredential,
    "key_pair": KeyPairCredential,
}

if KIND == "oauth_credentials":
    shape = dict(
        credentials=[
            OAuthConfig(
                id="workspace",
                type=AuthModel.OAUTH,
                description="Sign in to the workspace.",
                oauth_settings=OAuthSettings(
                    authorization_url="https://kinds.example/authorize",
                    token_url="https://kinds.example/token",
                    scopes={"validate_credentials": "users:read"},
                ),
            ),
            OAuthConfig(
                id="service",
                type=AuthModel.OAUTH_CLIENT_CREDENTIALS,
                description="The service's own client.",
                optional=True,
                oauth_settings=OAuthSettings(
                    token_url="https://kinds.example/token",
                    flow_type=OAuthFlowType.CLIENT_CREDENTIALS,
                ),
            ),
            types.CredentialConfig(id="signing", type=AuthModel.JWT, description="A signing key.", optional=True),
        ]
    )
else:
    shape = dict(auth=AUTH[KIND])

integration = Integration(
    app_id=f"kind-{KIND.replace('_', '-')}",
    version="0.1.0",
    description_data=DescriptionData(user_friendly_name=f"Kind {KIND}", categories=[]),
    exception_handlers=[],
    **shape,
)


async def validate_credentials(args: ValidateCredentialsRequest) -> ValidateCredentialsResponse:
    return ValidateCredentialsResponse(response=ValidatedCredentials(valid=True, unique_tenant_id="kinds"))


integration.register_capabilities({StandardCapabilityName.VALIDATE_CREDENTIALS: validate_credentials})

if __name__ == "__main__":
    run_integration(integration)
