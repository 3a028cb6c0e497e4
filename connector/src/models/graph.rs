//! Access graphs: resources, entitlements and how they relate.

#![allow(unused_imports)]

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::*;

/// A node of the entitlement graph.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("AccessGraphEntitlement"))]
#[schemars(extend("x-unique-hash" = ["id", "resource_id"]))]
pub struct AccessGraphEntitlement {
    /// The app's id of this item.
    #[schemars(extend("x-semantic" = "entitlement-id"))]
    pub id: String,
    /// The type id of the entitlement.
    #[schemars(extend("x-semantic" = "entitlement-type"))]
    pub entitlement_type: String,
    /// The id of the resource.
    #[schemars(extend("x-semantic" = "resource-id"))]
    pub resource_id: String,
    /// Whether it can be granted through the connector.
    #[serde(default)]
    pub is_assignable: Option<bool>,
    /// Whether holding it takes access away.
    pub denies_access: bool,
    /// Name shown to people.
    pub label: String,
    /// A description for people.
    #[serde(default)]
    pub description: Option<String>,
}

/// A custom attribute's value on one item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("CustomAttribute"))]
pub struct CustomAttribute {
    /// The id of the item the attribute belongs to.
    pub record_id: String,
    /// Name shown to people.
    pub label: String,
    /// The value.
    pub value: String,
    /// What kind of item this is.
    pub r#type: CustomAttributeCustomizedType,
}

/// A custom attribute the caller wants filled in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("CustomAttributeParameter"))]
pub struct CustomAttributeParameter {
    /// Name shown to people.
    pub label: String,
    /// What kind of item this is.
    pub r#type: CustomAttributeCustomizedType,
}

/// Answer of `find_entitlement_graph`: entitlements and what they imply.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("EntitlementGraph"))]
pub struct EntitlementGraph {
    /// The entitlements of the graph.
    pub nodes: Vec<AccessGraphEntitlement>,
    /// Entitlements that grant other entitlements.
    pub entitlement_implications: Vec<ImpliedAccess>,
    /// Custom attributes asked for, or their values.
    pub custom_attributes: Vec<CustomAttribute>,
}

/// Names an entitlement on a resource.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("EntitlementIdentifier"))]
pub struct EntitlementIdentifier {
    /// The id of the entitlement.
    #[schemars(extend("x-semantic" = "entitlement-id"))]
    pub entitlement_id: String,
    /// The id of the resource.
    #[schemars(extend("x-semantic" = "resource-id"))]
    pub resource_id: String,
}

/// Payload of `find_entitlement_graph`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("FindEntitlementGraph"))]
#[schemars(extend("x-capability-level" = "read"))]
pub struct FindEntitlementGraph {
    /// Custom attributes asked for, or their values.
    #[serde(default)]
    pub custom_attributes: Option<Vec<CustomAttributeParameter>>,
}

/// Payload of `find_resource_graph`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("FindResourceGraph"))]
#[schemars(extend("x-capability-level" = "read"))]
pub struct FindResourceGraph {
    /// Custom attributes asked for, or their values.
    #[serde(default)]
    pub custom_attributes: Option<Vec<CustomAttributeParameter>>,
}

/// One entitlement granting others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ImpliedAccess"))]
pub struct ImpliedAccess {
    /// The entitlement that grants the others.
    pub from_entitlement: EntitlementIdentifier,
    /// Entitlements that come with it.
    pub to_entitlements: Vec<EntitlementIdentifier>,
}

/// Another object a resource stands for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("Reference"))]
pub struct Reference {
    /// The app's id of this item.
    pub id: String,
    /// What kind of item this is.
    pub r#type: ReferenceType,
}

/// Kinds of object a resource can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ReferenceType"))]
#[allow(missing_docs)]
pub enum ReferenceType {
    #[serde(rename = "account")]
    Account,
}

/// A node of the resource graph.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("Resource"))]
#[schemars(extend("x-unique-hash" = ["id", "resource_type"]))]
pub struct Resource {
    /// The app's id of this item.
    #[schemars(extend("x-semantic" = "resource-id"))]
    pub id: String,
    /// The type id of the resource.
    #[schemars(extend("x-semantic" = "resource-type"))]
    pub resource_type: String,
    /// What the resource stands for, when it is another object.
    #[serde(default)]
    pub reference: Option<Reference>,
    /// Name shown to people.
    pub label: String,
    /// A description for people.
    #[serde(default)]
    pub description: Option<String>,
}

/// Answer of `find_resource_graph`: resources and how they relate.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ResourceGraph"))]
pub struct ResourceGraph {
    /// The resources.
    pub resources: Vec<Resource>,
    /// How the resources relate.
    pub resource_relationships: Vec<ResourceRelationship>,
    /// Custom attributes asked for, or their values.
    pub custom_attributes: Vec<CustomAttribute>,
}

/// Edges from one resource to others.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ResourceRelationship"))]
pub struct ResourceRelationship {
    /// The resource the relationship starts at.
    #[schemars(extend("x-semantic" = "resource-id"))]
    pub from_id: String,
    /// Ids of the related resources.
    #[schemars(extend("x-semantic" = "resource-id"))]
    pub to_ids: Vec<String>,
    /// Name shown to people.
    pub label: String,
}

/// Declares the relationship labels with their wire spellings.
macro_rules! relationship_labels {
    ($($variant:ident => $wire:literal, $doc:literal;)*) => {
        /// Common labels of a [`ResourceRelationship`].
        ///
        /// The protocol carries the label as a free string; this enum names the
        /// usual ones. Reading is lenient, as the reference's is: a label it does
        /// not know becomes [`ResourceRelationshipLabel::Unknown`] instead of an error.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ResourceRelationshipLabel {
            $(#[doc = $doc] $variant,)*
            /// Any label not listed here.
            Unknown,
        }

        impl ResourceRelationshipLabel {
            /// Every label, `Unknown` last.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)* Self::Unknown];

            /// The wire spelling, e.g. `member_of`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Unknown => "unknown",
                }
            }

            /// The label spelled `text`; `Unknown` for anything else.
            pub fn parse(text: &str) -> Self {
                match text {
                    $($wire => Self::$variant,)*
                    _ => Self::Unknown,
                }
            }
        }
    };
}

relationship_labels! {
    Contains => "contains", "The first resource contains the others.";
    ParentOf => "parent_of", "The first resource is the parent of the others.";
    ChildOf => "child_of", "The first resource is a child of the others.";
    MemberOf => "member_of", "The first resource is a member of the others.";
    HasMember => "has_member", "The others are members of the first.";
    Owns => "owns", "The first resource owns the others.";
    OwnedBy => "owned_by", "The first resource is owned by the others.";
    HasAccessTo => "has_access_to", "The first resource can reach the others.";
    GrantsAccessTo => "grants_access_to", "The first resource gives access to the others.";
    BelongsTo => "belongs_to", "The first resource belongs to the others.";
    Includes => "includes", "The first resource includes the others.";
}

impl std::fmt::Display for ResourceRelationshipLabel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<ResourceRelationshipLabel> for String {
    fn from(label: ResourceRelationshipLabel) -> Self {
        label.as_str().to_owned()
    }
}

impl Serialize for ResourceRelationshipLabel {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ResourceRelationshipLabel {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Ok(Self::parse(&text))
    }
}

impl JsonSchema for ResourceRelationshipLabel {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ResourceRelationshipLabel".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let values: Vec<&str> = Self::ALL.iter().map(|l| l.as_str()).collect();
        schemars::json_schema!({"type": "string", "enum": values})
    }
}

impl ResourceRelationship {
    /// The label as a [`ResourceRelationshipLabel`] (`Unknown` when it is not a common one).
    pub fn known_label(&self) -> ResourceRelationshipLabel {
        ResourceRelationshipLabel::parse(&self.label)
    }
}
