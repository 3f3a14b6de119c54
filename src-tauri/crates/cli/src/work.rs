//! The issue commands: projects, permissions, search, issue, user.
//! Each one calls `jiffy_core::ops` and formats the answer; no Jira logic lives here.

use crate::args::{IssueCommand, SearchArgs, UserCommand};
use crate::ctx::Ctx;
use crate::fields::{parse_fields, resolve};
use crate::output::{table, Output};
use jiffy_core::api::issues::Issue;
use jiffy_core::api::requests::{DoTransition, IssueUpdate};
use jiffy_core::api::users::{User, UserId};
use jiffy_core::api::JiraClient;
use jiffy_core::config::Deployment;
use jiffy_core::ops;
use jiffy_core::{Error, Result};
use serde_json::{json, Value};

/// `projects`
pub async fn projects(ctx: &Ctx, selected: Option<&str>) -> Result<Output> {
    let client = ctx.client(selected)?;
    let projects = ops::projects(&client).await?;
    let rows: Vec<Vec<String>> = projects
        .iter()
        .map(|p| vec![p.key.clone(), p.name.clone()])
        .collect();
    Ok(Output::new(&projects, table(&["KEY", "NAME"], &rows)))
}

/// `permissions [--project P]`
pub async fn permissions(
    ctx: &Ctx,
    selected: Option<&str>,
    project: Option<&str>,
) -> Result<Output> {
    let client = ctx.client(selected)?;
    let perms = ops::my_permissions(&client, project).await?;
    let rows: Vec<Vec<String>> = perms
        .permissions
        .values()
        .map(|p| {
            let yes = if p.have_permission { "yes" } else { "no" };
            vec![p.key.clone(), yes.to_owned()]
        })
        .collect();
    Ok(Output::new(
        &perms,
        table(&["PERMISSION", "GRANTED"], &rows),
    ))
}

pub(crate) fn user_label(user: Option<&User>) -> String {
    user.map_or_else(|| "Unassigned".to_owned(), |u| u.label().to_owned())
}

fn issue_row(issue: &Issue) -> Vec<String> {
    let f = &issue.fields;
    vec![
        issue.key.clone(),
        f.issuetype
            .as_ref()
            .map(|t| t.name.clone())
            .unwrap_or_default(),
        f.status
            .as_ref()
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        user_label(f.assignee.as_ref()),
        f.summary.clone().unwrap_or_default(),
    ]
}

/// `search JQL …`; with `--all`, progress goes to stderr (stdout keeps one document).
pub async fn search(ctx: &Ctx, selected: Option<&str>, args: &SearchArgs) -> Result<Output> {
    let client = ctx.client(selected)?;
    let issues = if args.all {
        let report = |p| (ctx.progress)(p);
        ops::search_all_with_progress(&client, &args.jql, &args.fields, None, &report).await?
    } else {
        ops::search_all(&client, &args.jql, &args.fields, Some(args.limit)).await?
    };
    let rows: Vec<Vec<String>> = issues.iter().map(issue_row).collect();
    let text = format!(
        "{}\n({} issues)",
        table(&["KEY", "TYPE", "STATUS", "ASSIGNEE", "SUMMARY"], &rows),
        issues.len()
    );
    Ok(Output::new(
        &json!({ "issues": issues, "count": issues.len() }),
        text,
    ))
}

fn fill(
    body: &mut IssueUpdate,
    client: &JiraClient,
    summary: Option<&str>,
    description: Option<&str>,
    fields: Vec<(String, Value)>,
) -> Result<()> {
    if let Some(summary) = summary {
        body.set("summary", json!(summary));
    }
    if let Some(text) = description {
        body.set_text(ops::text_format(client), "description", text);
    }
    for (id, value) in fields {
        body.set(&id, value);
    }
    Ok(())
}

fn describe_issue(issue: &Issue) -> String {
    let f = &issue.fields;
    let row = issue_row(issue);
    let mut text = format!(
        "{} {}\nType: {}  Status: {}  Assignee: {}",
        issue.key, row[4], row[1], row[2], row[3]
    );
    if let Some(reporter) = &f.reporter {
        text.push_str(&format!("  Reporter: {}", reporter.label()));
    }
    if let Some(description) = &f.description {
        text.push_str(&format!("\n\n{}", description.to_plain_text()));
    }
    if !f.attachment.is_empty() {
        text.push_str("\n\nAttachments:");
        for a in &f.attachment {
            text.push_str(&format!("\n  {}  {} ({} bytes)", a.id, a.filename, a.size));
        }
    }
    text
}

/// Resolves `me`, `none`, or a literal id (account id on Cloud, username elsewhere).
async fn assignee(client: &JiraClient, who: &str) -> Result<Option<UserId>> {
    match who {
        "none" | "" => Ok(None),
        "me" => {
            let me = ops::myself(client).await?;
            me.id()
                .map(Some)
                .ok_or_else(|| Error::Internal("Jira did not say who you are".into()))
        }
        other if client.connection().deployment == Deployment::Cloud => {
            Ok(Some(UserId::AccountId(other.to_owned())))
        }
        other => Ok(Some(UserId::Name(other.to_owned()))),
    }
}

/// `issue …`
pub async fn issue(ctx: &Ctx, selected: Option<&str>, command: &IssueCommand) -> Result<Output> {
    let client = ctx.client(selected)?;
    let deployment = client.connection().deployment;
    match command {
        IssueCommand::Get { key } => {
            let issue = ops::issue_get(&client, key, "renderedFields,names").await?;
            let text = describe_issue(&issue);
            Ok(Output::new(&issue, text))
        }
        IssueCommand::Create {
            project,
            issue_type,
            summary,
            description,
            fields,
        } => {
            let fields = if fields.is_empty() {
                Vec::new()
            } else {
                let form = ops::create_fields(&client, project, issue_type).await?;
                resolve(&form, deployment, parse_fields(fields)?)?
            };
            let mut body = IssueUpdate::create(project, issue_type, summary);
            fill(&mut body, &client, None, description.as_deref(), fields)?;
            let created = ops::issue_create(&client, &body).await?;
            let text = format!("Created {}", created.key);
            Ok(Output::new(&created, text))
        }
        IssueCommand::Edit {
            key,
            summary,
            description,
            fields,
        } => {
            let fields = if fields.is_empty() {
                Vec::new()
            } else {
                resolve(
                    &ops::edit_fields(&client, key).await?,
                    deployment,
                    parse_fields(fields)?,
                )?
            };
            let mut body = IssueUpdate::default();
            fill(
                &mut body,
                &client,
                summary.as_deref(),
                description.as_deref(),
                fields,
            )?;
            if body.is_empty() {
                return Err(Error::InvalidInput(
                    "Nothing to change: give --summary, --description or --field.".into(),
                ));
            }
            ops::issue_edit(&client, key, &body).await?;
            Ok(Output::new(
                &json!({ "key": key, "updated": true }),
                format!("Updated {key}"),
            ))
        }
        IssueCommand::Delete { key, subtasks } => {
            ops::issue_delete(&client, key, *subtasks).await?;
            Ok(Output::new(
                &json!({ "key": key, "deleted": true }),
                format!("Deleted {key}"),
            ))
        }
        IssueCommand::Assign { key, user } => {
            let who = assignee(&client, user).await?;
            ops::assign(&client, key, who.as_ref()).await?;
            let shown = who.as_ref().map_or("nobody", UserId::as_str);
            Ok(Output::new(
                &json!({ "key": key, "assignee": who.as_ref().map(UserId::as_str) }),
                format!("Assigned {key} to {shown}"),
            ))
        }
        IssueCommand::Transitions { key } => {
            let list = ops::transitions(&client, key).await?;
            let rows: Vec<Vec<String>> = list
                .transitions
                .iter()
                .map(|t| {
                    let to = t.to.as_ref().map(|s| s.name.clone()).unwrap_or_default();
                    vec![t.id.clone(), t.name.clone(), to]
                })
                .collect();
            Ok(Output::new(
                &list,
                table(&["ID", "TRANSITION", "TO STATUS"], &rows),
            ))
        }
        IssueCommand::Transition { key, to } => {
            let list = ops::transitions(&client, key).await?;
            let chosen = list.find(to).ok_or_else(|| {
                let names: Vec<&str> = list.transitions.iter().map(|t| t.name.as_str()).collect();
                Error::InvalidInput(format!(
                    "{key} has no transition \"{to}\" now; available: {}",
                    names.join(", ")
                ))
            })?;
            ops::transition(&client, key, &DoTransition::new(&chosen.id)).await?;
            let status = chosen.to.as_ref().map(|s| s.name.clone());
            let text = format!(
                "{key}: {}{}",
                chosen.name,
                status
                    .as_ref()
                    .map(|s| format!(" → {s}"))
                    .unwrap_or_default()
            );
            Ok(Output::new(
                &json!({ "key": key, "transition": chosen.name, "status": status }),
                text,
            ))
        }
    }
}

/// One user by account id (Cloud) or username (DC); `jiffy_core::ops` has no such call yet,
/// so this goes through its raw request.
async fn user_get(client: &JiraClient, id: &str) -> Result<User> {
    let param = if client.connection().deployment == Deployment::Cloud {
        "accountId"
    } else {
        "username"
    };
    let answer = ops::raw(client, "GET", "user", &[(param, id.to_owned())], None).await?;
    serde_json::from_value(answer.body)
        .map_err(|e| Error::Internal(format!("unexpected answer to GET user: {e}")))
}

/// `user …`
pub async fn user(ctx: &Ctx, selected: Option<&str>, command: &UserCommand) -> Result<Output> {
    let client = ctx.client(selected)?;
    let users = match command {
        UserCommand::Get { id } => vec![user_get(&client, id).await?],
        UserCommand::Search { query } => ops::users_search(&client, query).await?,
    };
    let rows: Vec<Vec<String>> = users
        .iter()
        .map(|u| {
            let id = u.id().map(|i| i.as_str().to_owned()).unwrap_or_default();
            vec![
                id,
                u.display_name.clone(),
                u.email_address.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let text = table(&["ID", "NAME", "EMAIL"], &rows);
    match (command, users.first()) {
        (UserCommand::Get { .. }, Some(one)) => Ok(Output::new(one, text)),
        _ => Ok(Output::new(&users, text)),
    }
}
