//! Every operation in both modes, signed in the simplest way (Cloud API token, DC password).

use jiffy_core::api::users::UserId;
use jiffy_integration::{basic_client, scenario, start, user};
use jiffy_sandbox::Mode;

#[tokio::test]
async fn every_operation_on_data_center_with_a_password() {
    let sandbox = start(Mode::DataCenter).await;
    let client = basic_client(&sandbox, "alice");
    scenario::read_operations(&client).await;
    scenario::write_operations(&client, &UserId::Name("bob".into())).await;
    sandbox.shutdown().await;
}

#[tokio::test]
async fn every_operation_on_cloud_with_an_api_token() {
    let sandbox = start(Mode::Cloud).await;
    let client = basic_client(&sandbox, "alice");
    let bob = UserId::AccountId(user(&sandbox, "bob").account_id.clone());
    scenario::read_operations(&client).await;
    scenario::write_operations(&client, &bob).await;
    sandbox.shutdown().await;
}

/// Many pages: Data Center fetches them four at a time, Cloud one token after another; both
/// must give every issue once, in Jira's order.
#[tokio::test]
async fn search_all_over_many_pages_keeps_order_in_both_modes() {
    for mode in [Mode::DataCenter, Mode::Cloud] {
        let sandbox = jiffy_integration::start_with(jiffy_sandbox::Config {
            mode,
            seed: jiffy_sandbox::Seed::Bench(530),
            ..jiffy_sandbox::Config::default()
        })
        .await;
        let client = basic_client(&sandbox, "admin");
        let jql = "project = BENCH ORDER BY key ASC";
        let fields = vec!["summary".to_owned()];
        let mut expected = Vec::new();
        let mut next = None;
        loop {
            let request = jiffy_core::ops::PageRequest {
                next,
                max_results: 100,
            };
            let page = scenario::ok(
                "page",
                jiffy_core::ops::search_page(&client, jql, &fields, request).await,
            );
            next = page.next_page();
            expected.extend(page.issues.into_iter().map(|i| i.key));
            if next.is_none() {
                break;
            }
        }
        assert_eq!(expected.len(), 530, "{mode:?}");
        let all = scenario::ok(
            "search_all",
            jiffy_core::ops::search_all(&client, jql, &fields, None).await,
        );
        let keys: Vec<String> = all.into_iter().map(|i| i.key).collect();
        assert_eq!(keys, expected, "{mode:?}");
        let some = scenario::ok(
            "search_all limit",
            jiffy_core::ops::search_all(&client, jql, &fields, Some(333)).await,
        );
        assert_eq!(some.len(), 333);
        assert_eq!(some[332].key, expected[332]);
        sandbox.shutdown().await;
    }
}
