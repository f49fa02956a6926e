//! Households in metric coordinates, assigned to their thôn, with the people each stands for.

use geo::Point;

/// A household in the working metric CRS.
#[derive(Debug, Clone, PartialEq)]
pub struct HouseholdM {
    /// Index into the dataset's households.
    pub index: usize,
    /// Location, metres.
    pub location: Point<f64>,
    /// The thôn it lies in (index), or None when it lies outside every thôn.
    pub thon: Option<usize>,
    /// People it stands for.
    pub people: f64,
}

/// Shares each thôn's declared population among its household points, so that the people of
/// a thôn always add up to its official figure: points that state `people` are weighted by
/// it, the others by the mean of the stated ones (or 1 when none states it).
/// `stated[k]` is the `people` property of household `k`; `population[t]` the thôn's figure.
pub fn assign_people(households: &mut [HouseholdM], stated: &[Option<f64>], population: &[u64]) {
    let n = population.len();
    let mut stated_sum = vec![0.0; n];
    let mut stated_count = vec![0usize; n];
    let mut count = vec![0usize; n];
    for h in households.iter() {
        if let Some(t) = h.thon {
            count[t] += 1;
            if let Some(p) = stated[h.index] {
                stated_sum[t] += p;
                stated_count[t] += 1;
            }
        }
    }
    let fill: Vec<f64> = (0..n)
        .map(|t| {
            if stated_count[t] > 0 {
                stated_sum[t] / stated_count[t] as f64
            } else {
                1.0
            }
        })
        .collect();
    let total: Vec<f64> = (0..n)
        .map(|t| stated_sum[t] + fill[t] * (count[t] - stated_count[t]) as f64)
        .collect();
    for h in households.iter_mut() {
        h.people = match h.thon {
            Some(t) if total[t] > 0.0 => {
                let w = stated[h.index].unwrap_or(fill[t]);
                population[t] as f64 * w / total[t]
            }
            Some(_) => 0.0,
            None => stated[h.index].unwrap_or(0.0),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    fn h(index: usize, thon: Option<usize>) -> HouseholdM {
        HouseholdM {
            index,
            location: Point::new(0.0, 0.0),
            thon,
            people: 0.0,
        }
    }

    #[test]
    fn population_is_spread_evenly_without_stated_people() {
        let mut hs = vec![h(0, Some(0)), h(1, Some(0)), h(2, Some(0)), h(3, Some(0))];
        assign_people(&mut hs, &[None; 4], &[10]);
        for x in &hs {
            assert_relative_eq!(x.people, 2.5);
        }
    }

    #[test]
    fn stated_people_weight_the_share_and_the_sum_is_the_official_figure() {
        let mut hs = vec![h(0, Some(0)), h(1, Some(0)), h(2, Some(0))];
        assign_people(&mut hs, &[Some(6.0), Some(2.0), None], &[24]);
        // weights 6, 2, and the mean 4: total 12 → 12, 4, 8
        assert_relative_eq!(hs[0].people, 12.0);
        assert_relative_eq!(hs[1].people, 4.0);
        assert_relative_eq!(hs[2].people, 8.0);
    }

    #[test]
    fn unassigned_households_keep_their_stated_people() {
        let mut hs = vec![h(0, None), h(1, None)];
        assign_people(&mut hs, &[Some(3.0), None], &[]);
        assert_relative_eq!(hs[0].people, 3.0);
        assert_relative_eq!(hs[1].people, 0.0);
    }
}
