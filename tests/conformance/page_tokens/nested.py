"""A connector whose accounts are the members of every group: one listing
nested in another, with a cursor model of two fields beside the endpoint."""

from connector.generated import FoundAccountData, ListAccountsRequest, ListAccountsResponse
from connector.integration import DescriptionData, Integration, StandardCapabilityName, TokenCredential
from connector.cli import run_integration
from connector.client import PaginationBase, create_next_page_token, get_page

# Members per group; the second group is empty.
GROUPS = [3, 0, 5, 1]
DEFAULT_PAGE_SIZE = 2


class Pagination(PaginationBase):
    offset: int
    cursor: str | None = None


NextPageToken = create_next_page_token(Pagination, "NextPageToken")

integration = Integration(
    app_id="nested-pages",
    version="0.1.0",
    auth=TokenCredential,
    description_data=DescriptionData(
        user_friendly_name="Nested Pages", description="", categories=[], logo_url="", app_vendor_domain=""
    ),
    exception_handlers=[],
)


async def list_accounts(args: ListAccountsRequest) -> ListAccountsResponse:
    page = get_page(args)
    size = page.size or DEFAULT_PAGE_SIZE
    stack = NextPageToken(page.token).paginations() or [Pagination(endpoint="/groups", offset=0)]
    current = stack.pop()
    if current.endpoint == "/groups":
        group = current.offset
        if group + 1 < len(GROUPS):
            stack.append(Pagination(endpoint="/groups", offset=group + 1))
        current = Pagination(endpoint=f"/groups/{group}/members", offset=0)
    else:
        group = int(current.endpoint.split("/")[2])
    end = min(current.offset + size, GROUPS[group])
    accounts = [
        FoundAccountData(integration_specific_id=f"g{group}-m{member}", email=f"m{member}@g{group}.example")
        for member in range(current.offset, end)
    ]
    if end < GROUPS[group]:
        stack.append(Pagination(endpoint=current.endpoint, offset=end, cursor=f"after-g{group}-m{end - 1}"))
    return ListAccountsResponse(
        response=accounts,
        page=NextPageToken.from_paginations(stack).to_page(size) if stack else None,
    )


integration.register_capabilities({StandardCapabilityName.LIST_ACCOUNTS: list_accounts})

if __name__ == "__main__":
    run_integration(integration)
