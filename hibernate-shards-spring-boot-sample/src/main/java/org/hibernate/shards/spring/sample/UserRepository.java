package org.hibernate.shards.spring.sample;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** An ordinary Spring Data repository: the sharded entity manager routes or fans out each query and merges the rows. */
public interface UserRepository extends JpaRepository<User, Long> {

	/** The e-mail is the shard key: asks one shard. */
	Optional<User> findByEmail(String email);

	/** Asks every shard and adds the counts. */
	long countByCity(String city);

	/** Each shard returns its newest five; the merge keeps the newest five of all. */
	List<User> findTop5ByOrderByCreatedDesc();

	/** Paged and sorted across shards; the total is a count merged across shards. */
	Page<User> findByCity(String city, Pageable pageable);

	@Query("select u.city, count(u) from User u group by u.city order by u.city")
	List<Object[]> countUsersPerCity();
}
