//! Paging plans, pure so they can be tested without a server.
//!
//! Data Center pages by `startAt`: once the first page tells the total, the remaining pages
//! are known and can be fetched concurrently. (The page shape itself is
//! [`crate::api::page::Page`]; Cloud's `search/jql` pages by `nextPageToken`, one after
//! another.)

/// The `startAt` offsets still to fetch after a first page of `page_size` items, when the
/// server reported `total` items and the caller wants at most `limit` (`None`: all).
///
/// A page size of 0 (a server answering `maxResults: 0`) yields no plan rather than a loop.
pub fn remaining_offsets(total: u64, page_size: u64, limit: Option<u64>) -> Vec<u64> {
    if page_size == 0 {
        return Vec::new();
    }
    let wanted = limit.map_or(total, |l| l.min(total));
    (1..)
        .map(|page| page * page_size)
        .take_while(|start| *start < wanted)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_the_remaining_pages() {
        assert_eq!(remaining_offsets(250, 100, None), vec![100, 200]);
        assert_eq!(remaining_offsets(200, 100, None), vec![100]);
        assert_eq!(remaining_offsets(99, 100, None), Vec::<u64>::new());
        assert_eq!(remaining_offsets(1000, 50, Some(120)), vec![50, 100]);
        assert_eq!(remaining_offsets(1000, 50, Some(10)), Vec::<u64>::new());
        assert_eq!(remaining_offsets(1000, 0, None), Vec::<u64>::new());
    }
}
