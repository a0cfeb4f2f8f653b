package org.hibernate.shards.spring.boot.app;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface CustomerRepository extends JpaRepository<Customer, Long> {

	Optional<Customer> findByEmail(String email);

	long countByCity(String city);

	List<Customer> findTop5ByOrderByCreatedDesc();

	Page<Customer> findByCity(String city, Pageable pageable);

	@Query("select c from Customer c where c.created >= :since")
	Page<Customer> findCreatedSince(@Param("since") long since, Pageable pageable);

	@Query("select c.city, count(c) from Customer c group by c.city order by c.city")
	List<Object[]> countPerCity();

	/** Refused across shards: strings compared in HAVING would follow each database's collation. */
	@Query("select c.city from Customer c group by c.city having max(c.email) > 'c3'")
	List<String> citiesWithALateEmail();
}
