//! Expenses and card transactions.

#![allow(unused_imports)]

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::*;

/// A sum of money.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("Amount"))]
pub struct Amount {
    /// The amount, as a decimal string.
    pub amount: String,
    /// Currency code.
    pub currency: String,
}

/// One expense or card transaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("Expense"))]
pub struct Expense {
    /// The app's id of this item.
    pub id: String,
    /// The expense report it belongs to.
    #[serde(default)]
    pub report_id: Option<String>,
    /// When the transaction happened.
    pub transaction_date: String,
    /// When it was paid.
    #[serde(default)]
    pub payment_date: Option<String>,
    /// The full amount.
    pub total_amount: Amount,
    /// What has been paid.
    #[serde(default)]
    pub paid_amount: Option<Amount>,
    /// Who was paid.
    pub seller: Vendor,
    /// A description for people.
    pub description: String,
    /// Who submitted the expense.
    pub submitter: SpendUser,
    /// What kind of item this is.
    pub r#type: ExpenseType,
    /// Where the approval stands.
    pub approval_status: ExpenseApprovalStatus,
    /// Where the payment stands.
    pub payment_status: ExpensePaymentStatus,
    /// Link to the item in the app.
    #[serde(default)]
    pub url: Option<String>,
    /// Further facts from the app.
    #[serde(default)]
    pub attributes: Option<serde_json::Map<String, serde_json::Value>>,
    /// Custom attributes asked for, or their values.
    #[serde(default)]
    pub custom_attributes: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Approval state of an expense, as the app and the protocol name it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ExpenseApprovalStatus"))]
pub struct ExpenseApprovalStatus {
    /// The app's id of this item.
    #[serde(default)]
    pub id: Option<String>,
    /// The status as the app shows it.
    #[serde(default)]
    pub display_value: Option<String>,
    /// The value.
    #[serde(default)]
    pub value: Option<String>,
    /// The status mapped onto the protocol's values.
    pub normalized_value: NormalizedExpenseApprovalStatus,
}

/// Which expenses to list.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ExpenseFilters"))]
pub struct ExpenseFilters {
    /// When the transaction happened.
    #[serde(default)]
    pub transaction_date: Option<TimeRange>,
}

/// Payment state of an expense, as the app and the protocol name it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ExpensePaymentStatus"))]
pub struct ExpensePaymentStatus {
    /// The app's id of this item.
    #[serde(default)]
    pub id: Option<String>,
    /// The status as the app shows it.
    #[serde(default)]
    pub display_value: Option<String>,
    /// The value.
    #[serde(default)]
    pub value: Option<String>,
    /// The status mapped onto the protocol's values.
    pub normalized_value: NormalizedExpensePaymentStatus,
}

/// Kinds of expense.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ExpenseType"))]
#[allow(missing_docs)]
pub enum ExpenseType {
    #[serde(rename = "reimbursement")]
    Reimbursement,
    #[serde(rename = "card_transaction")]
    CardTransaction,
}

/// Payload of `list_expenses`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ListExpenses"))]
pub struct ListExpenses {
    /// Which expenses to list.
    pub filters: ExpenseFilters,
}

/// Approval states the protocol knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("NormalizedExpenseApprovalStatus"))]
#[allow(missing_docs)]
pub enum NormalizedExpenseApprovalStatus {
    #[serde(rename = "pending")]
    Pending,
    #[serde(rename = "approved")]
    Approved,
    #[serde(rename = "rejected")]
    Rejected,
    #[serde(rename = "canceled")]
    Canceled,
    #[serde(rename = "unknown")]
    Unknown,
}

/// Payment states the protocol knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("NormalizedExpensePaymentStatus"))]
#[allow(missing_docs)]
pub enum NormalizedExpensePaymentStatus {
    #[serde(rename = "paid")]
    Paid,
    #[serde(rename = "unpaid")]
    Unpaid,
}

/// A person who spent money.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("SpendUser"))]
pub struct SpendUser {
    /// The app's id of this item.
    #[serde(default)]
    pub id: Option<String>,
    /// Email address.
    #[serde(default)]
    pub email: Option<String>,
    /// Full name.
    #[serde(default)]
    pub full_name: Option<String>,
    /// First name.
    #[serde(default)]
    pub given_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub family_name: Option<String>,
}

/// A span of dates; either end may be open.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("TimeRange"))]
pub struct TimeRange {
    /// Start of the range.
    #[serde(default)]
    pub start_date: Option<String>,
    /// End of the range.
    #[serde(default)]
    pub end_date: Option<String>,
}

/// Who an expense was paid to.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("Vendor"))]
pub struct Vendor {
    /// The app's id of this item.
    #[serde(default)]
    pub id: Option<String>,
    /// The name.
    #[serde(default)]
    pub name: Option<String>,
    /// A description for people.
    #[serde(default)]
    pub description: Option<String>,
}
