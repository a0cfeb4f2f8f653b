package org.hibernate.shards.demo;

import java.util.List;

import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;

/**
 * Two queries over every shard, written as for one database: a count, and the most active users. The library runs
 * them on each shard and merges the answers (counts added; groups merged, then ordered and paged).
 *
 * @param userCount {@code select count(*) from User u}
 * @param mostActive e-mail and number of comments of the five users with the most comments
 */
public record CrossShardQueries(long userCount, List<Object[]> mostActive) {

	static CrossShardQueries run(ShardedSessionFactory factory) {
		try ( ShardedSession session = factory.openSession() ) {
			long users = session.createQuery( "select count(*) from User u", Long.class ).getSingleResult();
			List<Object[]> mostActive = session.createQuery(
					"select c.author.email, count(*) from Comment c group by c.author.email order by count(*) desc, c.author.email",
					Object[].class ).setMaxResults( 5 ).getResultList();
			return new CrossShardQueries( users, mostActive );
		}
	}
}
