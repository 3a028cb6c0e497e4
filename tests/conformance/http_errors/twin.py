"""The reference side of the `http_errors` suite: a connector-py connector
shaped as the scaffold shapes one, whose capabilities call the app's API
with the SDK's AsyncClient and let httpx's errors reach the SDK's handlers.

Its Rust twin is tests/bins/conformance_http_errors.rs: same app id, same
settings, same capabilities, same requests.

    python twin.py validate_credentials --json '{...}'
"""

import httpx
from connector.cli import run_integration
from connector.client import BaseIntegrationClient, BearerAuth, get_settings, get_token_auth
from connector.error import HTTPHandler
from connector.generated import (
    FoundAccountData,
    ListAccountsRequest,
    ListAccountsResponse,
    TokenCredential,
    ValidateCredentialsRequest,
    ValidateCredentialsResponse,
    ValidatedCredentials,
)
from connector.integration import DescriptionData, Integration, StandardCapabilityName
from pydantic import BaseModel

PAGE_SIZE = 2


class HttpErrorsSettings(BaseModel):
    base_url: str


class HttpErrorsClient(BaseIntegrationClient):
    @classmethod
    def prepare_client_args(cls, args):
        return {
            "auth": BearerAuth(token=get_token_auth(args).token),
            "base_url": get_settings(args, HttpErrorsSettings).base_url,
        }

    async def get_status(self):
        response = await self._http_client.get("/status")
        response.raise_for_status()
        return response.json()

    async def get_users(self, limit, offset):
        response = await self._http_client.get("/users", params={"limit": limit, "offset": offset})
        response.raise_for_status()
        return response.json()


async def validate_credentials(args: ValidateCredentialsRequest) -> ValidateCredentialsResponse:
    async with HttpErrorsClient(args) as client:
        status = await client.get_status()
    return ValidateCredentialsResponse(
        response=ValidatedCredentials(valid=True, unique_tenant_id=status["tenant"]),
    )


async def list_accounts(args: ListAccountsRequest) -> ListAccountsResponse:
    async with HttpErrorsClient(args) as client:
        body = await client.get_users(limit=PAGE_SIZE, offset=0)
    accounts = [
        FoundAccountData(integration_specific_id=user["id"], email=user["email"])
        for user in body["users"]
    ]
    return ListAccountsResponse(response=accounts, page=None)


integration = Integration(
    app_id="http-errors",
    version="0.1.0",
    auth=TokenCredential,
    settings_model=HttpErrorsSettings,
    exception_handlers=[(httpx.HTTPStatusError, HTTPHandler, None)],
    description_data=DescriptionData(
        user_friendly_name="HTTP errors", description="Calls the app's API.", categories=[]
    ),
)
integration.register_capabilities(
    {
        StandardCapabilityName.VALIDATE_CREDENTIALS: validate_credentials,
        StandardCapabilityName.LIST_ACCOUNTS: list_accounts,
    }
)

if __name__ == "__main__":
    run_integration(integration)
