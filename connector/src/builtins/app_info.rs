//! `app_info`: the connector's own OpenAPI document, for any settings.

use std::marker::PhantomData;

use futures_util::future::BoxFuture;

use crate::capability::{CapabilityFn, Kind, Response};
use crate::connector::{Connector, ConnectorMetadata, NoAuth, NoSettings};
use crate::context::Context;
use crate::document::openapi::document_for;
use crate::error::Result;
use crate::models::{AppInfo, AppInfoRequestPayload};
use crate::schema::Object;

/// Connector `C` as `app_info` sees it: its settings are not checked (the
/// document is given for any settings, even invalid ones) and no credential
/// is needed.
pub(super) struct Describing<C>(PhantomData<C>);

impl<C: Connector> Connector for Describing<C> {
    const APP_ID: &'static str = C::APP_ID;
    const HAS_SETTINGS: bool = false;
    type Settings = NoSettings;
    type Auth = NoAuth;
    fn metadata() -> ConnectorMetadata {
        C::metadata()
    }
}

/// Serves `app_info` for connector `C`.
pub(super) struct AppInfoFn<C>(PhantomData<C>);

impl<C: Connector> CapabilityFn for AppInfoFn<C> {
    type Connector = Describing<C>;
    type Request = AppInfoRequestPayload;
    type Payload = AppInfo;
    const NAME: &'static str = crate::connector::Builtin::AppInfo.name();
    const KIND: Kind = Kind::Specification;
    const RAISED_IN: &'static str = "connector::builtins:app_info";

    fn call(
        ctx: Context<Self::Connector>,
        _request: AppInfoRequestPayload,
    ) -> BoxFuture<'static, Result<Response<AppInfo>>> {
        Box::pin(async move {
            let app_schema = match document_for(ctx.catalog(), ctx.raw_settings()) {
                serde_json::Value::Object(map) => map,
                _ => Object::new(),
            };
            Ok(Response::new(AppInfo {
                app_id: C::APP_ID.to_owned(),
                app_schema,
            }))
        })
    }
}
