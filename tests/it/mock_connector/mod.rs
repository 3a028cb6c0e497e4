//! The mock connector through its command line, its HTTP server and a case table.

mod cases;
mod cli;
mod http_server;
