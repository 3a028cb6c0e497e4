"""The mock connector (examples/mock-connector) written with connector-py."""

from connector.generated import (
    AccountStatus,
    AccountType,
    AppCategory,
    ErrorCode,
    FoundAccountData,
    ListAccountsRequest,
    ListAccountsResponse,
    ValidateCredentialsRequest,
    ValidateCredentialsResponse,
    ValidatedCredentials,
)
from connector.integration import BasicCredential, DescriptionData, Integration, StandardCapabilityName
from connector.oai.errors import ConnectorError
from connector.cli import run_integration
from connector.client import PaginationBase, create_next_page_token, get_page
from pydantic import BaseModel, Field

ACCOUNT_COUNT = 42
DEFAULT_PAGE_SIZE = 10


class MockSettings(BaseModel):
    """Where the (imaginary) app lives."""

    host: str = Field(description="Host name of the app.")


class Pagination(PaginationBase):
    offset: int


NextPageToken = create_next_page_token(Pagination, "NextPageToken")

integration = Integration(
    app_id="mock-connector",
    version="0.1.0",
    auth=BasicCredential,
    settings_model=MockSettings,
    description_data=DescriptionData(
        user_friendly_name="Mock Connector",
        description="A connector whose app is a fixed set of accounts, for demonstrations and tests.",
        categories=[AppCategory.DEVELOPERS, AppCategory.OTHER],
    ),
    exception_handlers=[],
)


async def validate_credentials(args: ValidateCredentialsRequest) -> ValidateCredentialsResponse:
    if not args.auth.basic.username:
        raise ConnectorError(message="The user name is empty.", error_code=ErrorCode.UNAUTHORIZED)
    return ValidateCredentialsResponse(
        response=ValidatedCredentials(valid=True, unique_tenant_id="mock-connector-tenant-id")
    )


def account(index: int) -> FoundAccountData:
    return FoundAccountData(
        integration_specific_id=f"user-{index:03}",
        email=f"user{index}@example.com",
        given_name=f"User{index}",
        family_name="Example",
        username=f"user{index}",
        user_status=AccountStatus.INACTIVE if index % 7 == 0 else AccountStatus.ACTIVE,
        account_type=AccountType.SERVICE if index % 10 == 9 else AccountType.USER,
    )


async def list_accounts(args: ListAccountsRequest) -> ListAccountsResponse:
    page = get_page(args)
    size = page.size or DEFAULT_PAGE_SIZE
    paginations = NextPageToken(page.token).paginations()
    offset = paginations.pop().offset if paginations else 0
    end = min(offset + size, ACCOUNT_COUNT)
    accounts = [account(i) for i in range(offset, end)]
    if end < ACCOUNT_COUNT:
        paginations.append(Pagination(endpoint="/accounts", offset=end))
    return ListAccountsResponse(
        response=accounts,
        page=NextPageToken.from_paginations(paginations).to_page(size) if paginations else None,
        raw_data={"offset": offset, "returned": len(accounts)} if args.include_raw_data else None,
    )


integration.register_capability(
    StandardCapabilityName.VALIDATE_CREDENTIALS, description="Accepts any user name and password."
)(validate_credentials)
integration.register_capability(StandardCapabilityName.LIST_ACCOUNTS)(list_accounts)

if __name__ == "__main__":
    run_integration(integration)
