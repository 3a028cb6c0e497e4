"""A connector with a credentials list: a required API token and an
optional admin login with its own check."""

from connector.cli import run_integration
from connector_sdk_types.generated import (
    ValidateCredentialConfigRequest,
    ValidateCredentialConfigResponse,
    ValidateCredentialsRequest,
    ValidateCredentialsResponse,
    ValidatedCredentialConfig,
    ValidatedCredentials,
)
from connector.integration import DescriptionData, Integration, StandardCapabilityName
from connector_sdk_types.oai.modules import credentials_module_types as types
from connector_sdk_types.generated import ErrorResponse
from connector_sdk_types.oai.modules.credentials_module_types import AuthModel

# connector-py 4.191.0 under pydantic 2.9.2 cannot build CredentialConfig
# until its forward references are supplied.
types.CredentialConfig.model_rebuild(
    _types_namespace={
        "AuthModel": AuthModel,
        "ValidateCredentialConfigRequest": ValidateCredentialConfigRequest,
        "ValidateCredentialConfigResponse": ValidateCredentialConfigResponse,
        "ErrorResponse": ErrorResponse,
    }
)


async def check_admin(args: ValidateCredentialConfigRequest) -> ValidateCredentialConfigResponse:
    username = args.request.credential.basic.username
    if username == "locked":
        result = ValidatedCredentialConfig(valid=False, validation_errors=["The admin account is locked."])
    elif username == "nobody":
        result = ValidatedCredentialConfig(valid=False, validation_errors=None)
    else:
        result = ValidatedCredentialConfig(valid=True, validation_errors=None)
    return ValidateCredentialConfigResponse(response=result)


integration = Integration(
    app_id="multi-credentials",
    version="0.1.0",
    credentials=[
        types.CredentialConfig(id="api", type=AuthModel.TOKEN, description="The API token."),
        types.CredentialConfig(
            id="admin", type=AuthModel.BASIC, description="An admin login.", optional=True, validation=check_admin
        ),
    ],
    description_data=DescriptionData(
        user_friendly_name="Multi Credentials", categories=[]
    ),
    exception_handlers=[],
)


async def validate_credentials(args: ValidateCredentialsRequest) -> ValidateCredentialsResponse:
    token = next(c.token.token for c in args.credentials if c.id == "api")
    admin = any(c.id == "admin" and c.basic is not None for c in args.credentials)
    return ValidateCredentialsResponse(
        response=ValidatedCredentials(valid=True, unique_tenant_id=f"{token}:{str(admin).lower()}")
    )


integration.register_capabilities({StandardCapabilityName.VALIDATE_CREDENTIALS: validate_credentials})

if __name__ == "__main__":
    run_integration(integration)
