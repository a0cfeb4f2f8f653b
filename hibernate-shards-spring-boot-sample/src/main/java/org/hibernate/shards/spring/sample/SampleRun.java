package org.hibernate.shards.spring.sample;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;

import org.springframework.boot.CommandLineRunner;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Stores users across the shards through the repository, then queries them as one database would answer. */
@Component
public class SampleRun implements CommandLineRunner {
	private static final List<String> CITIES = List.of( "Lisbon", "Lyon", "Oslo", "Porto" );
	static final int USERS = 100;

	private final UserRepository users;

	@PersistenceContext
	private EntityManager entityManager;

	public SampleRun(UserRepository users) {
		this.users = users;
	}

	@Override
	@Transactional // one transaction over the shards the users land on
	public void run(String... args) {
		Instant start = Instant.parse( "2026-01-01T00:00:00Z" );
		for ( int i = 0; i < USERS; i++ ) {
			users.save( new User( "user" + i + "@example.com", "User " + i, CITIES.get( i % CITIES.size() ), start.plusSeconds( i ) ) );
		}
		users.flush();
		ShardedSession session = entityManager.unwrap( ShardedSession.class ); // the transaction's sharded session

		User user42 = users.findByEmail( "user42@example.com" ).orElseThrow();
		System.out.printf( "Stored %d users over the shards: %s%n", USERS, shardCounts( session ) );
		System.out.printf( "findByEmail(user42@example.com): %s, on %s; findById finds it: %s%n", user42, session.getShardIdForObject( user42 ),
				users.findById( user42.getId() ).isPresent() );
		System.out.printf( "count(): %d, countByCity(Lyon): %d%n", users.count(), users.countByCity( "Lyon" ) );
		System.out.printf( "findTop5ByOrderByCreatedDesc(): %s%n", users.findTop5ByOrderByCreatedDesc() );
		Page<User> page = users.findByCity( "Lyon", PageRequest.of( 1, 5, Sort.by( "name" ) ) );
		System.out.printf( "findByCity(Lyon), page 2 of %d by name (%d users in all): %s%n", page.getTotalPages(), page.getTotalElements(),
				page.getContent() );
		System.out.println( "countUsersPerCity():" );
		for ( Object[] row : users.countUsersPerCity() ) {
			System.out.printf( "  %s: %s users%n", row[0], row[1] );
		}
	}

	/** Users per physical shard, by asking where each one lives. */
	private Map<ShardId, Long> shardCounts(ShardedSession session) {
		return users.findAll().stream().collect( Collectors.groupingBy( session::getShardIdForObject, TreeMap::new, Collectors.counting() ) );
	}
}
